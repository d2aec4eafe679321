namespace Rainforest.Contracts;

/// <summary>How many users are in each polling state.</summary>
[GenerateSerializer, Immutable]
public sealed record UserStateCounts(
    [property: Id(0)] int Polling,
    [property: Id(1)] int Failing,
    [property: Id(2)] int CredentialsRejected,
    [property: Id(3)] int Paused)
{
    public static readonly UserStateCounts None = new(0, 0, 0, 0);

    public UserStateCounts Plus(UserStateCounts other) => new(
        Polling + other.Polling, Failing + other.Failing, CredentialsRejected + other.CredentialsRejected, Paused + other.Paused);

    public UserStateCounts Plus(PollingState state) => state switch
    {
        PollingState.Polling => this with { Polling = Polling + 1 },
        PollingState.Failing => this with { Failing = Failing + 1 },
        PollingState.CredentialsRejected => this with { CredentialsRejected = CredentialsRejected + 1 },
        PollingState.Paused => this with { Paused = Paused + 1 },
        _ => this,
    };
}
