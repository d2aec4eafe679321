namespace Rainforest.Cli.Output;

/// <summary>How many users are in each polling state.</summary>
public sealed record UserCounts(int Total, int Polling, int Failing, int CredentialsRejected, int Paused)
{
    public static UserCounts From(IReadOnlyList<UserSummaryRecord> users)
    {
        int Count(string state) => users.Count(u => u.State == state);
        return new UserCounts(users.Count, Count("polling"), Count("failing"), Count("credentials_rejected"), Count("paused"));
    }
}
