namespace Rainforest.Cli.Import;

/// <summary>What became of one line of an import file.</summary>
public enum LineOutcome
{
    Created,
    Updated,
    Unchanged,

    /// <summary>The line is wrong: refused here (malformed, duplicate) or by the server (its problem detail).</summary>
    Rejected,

    /// <summary>The server failed on it; the line may be fine and can be sent again.</summary>
    Failed,
}
