namespace Rainforest.Cli.Migration;

/// <summary>What became of one key of the old Redis.</summary>
public enum MigrationOutcome
{
    /// <summary>201: a new user with its counters.</summary>
    Created,

    /// <summary>200 "updated": the user existed; new credentials, or counters taken because it had logged nothing.</summary>
    Updated,

    /// <summary>200 "unchanged": already migrated with exactly this; what makes a re-run harmless.</summary>
    Unchanged,

    /// <summary>Not migrated: the record is wrong here (bad Cloud ID, unparseable value, …) or the server refused it (4xx).</summary>
    Skipped,

    /// <summary>The server failed on it (5xx); the record may be fine and a re-run will send it again.</summary>
    Failed,

    /// <summary>Dry run: not registered yet; a migration would create it.</summary>
    WouldCreate,

    /// <summary>Dry run: already registered; a migration would update or leave it, and keep the counters it has logged.</summary>
    AlreadyRegistered,
}

/// <summary>One key's fate; <see cref="Status"/> is the server's HTTP status when the server decided.</summary>
public sealed record MigrationResult(string Key, string? CloudId, MigrationOutcome Outcome, string? Reason = null, int? Status = null);
