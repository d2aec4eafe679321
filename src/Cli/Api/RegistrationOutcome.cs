namespace Rainforest.Cli.Api;

/// <summary>What became of one user sent to <c>POST /api/users/{cloud_id}</c>.</summary>
public enum RegistrationOutcome
{
    /// <summary>201: a new user, polled from now on.</summary>
    Created,

    /// <summary>200 "updated": new e-mail or password; counters kept.</summary>
    Updated,

    /// <summary>200 "unchanged": the server already had exactly this; what makes a re-import harmless.</summary>
    Unchanged,

    /// <summary>4xx: the line itself is wrong (the server's problem detail says why).</summary>
    Rejected,

    /// <summary>5xx or rate limit not lifting: the server failed; sending the line again later may work.</summary>
    Failed,
}
