namespace Rainforest.Api.Endpoints;

/// <summary>The <c>?status=</c> values of <c>GET /api/users</c>.</summary>
public static class UserStatusFilter
{
    public static readonly string[] Names = ["polling", "failing", "credentials_rejected", "paused"];

    /// <summary>"failing" means every user that needs attention: failing or with rejected credentials.</summary>
    public static bool TryParseStates(string value, out IReadOnlyList<PollingState>? states)
    {
        states = value.ToLowerInvariant() switch
        {
            "polling" => [PollingState.Polling],
            "failing" => [PollingState.Failing, PollingState.CredentialsRejected],
            "credentials_rejected" => [PollingState.CredentialsRejected],
            "paused" => [PollingState.Paused],
            _ => null,
        };
        return states is not null;
    }
}
