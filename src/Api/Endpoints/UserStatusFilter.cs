namespace Rainforest.Api.Endpoints;

/// <summary>The <c>?status=</c> values of <c>GET /api/users</c>.</summary>
public static class UserStatusFilter
{
    public static readonly string[] Names = ["polling", "failing", "credentials_rejected", "paused"];

    /// <summary>"failing" means every user that needs attention: failing or with rejected credentials.</summary>
    public static bool TryParse(string value, out Func<UserSummary, bool> filter)
    {
        filter = value.ToLowerInvariant() switch
        {
            "polling" => u => u.State == PollingState.Polling,
            "failing" => u => u.State is PollingState.Failing or PollingState.CredentialsRejected,
            "credentials_rejected" => u => u.State == PollingState.CredentialsRejected,
            "paused" => u => u.State == PollingState.Paused,
            _ => null!,
        };
        return filter is not null;
    }
}
