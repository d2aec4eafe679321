namespace Rainforest.Cli;

/// <summary>What the process exit code tells a script; documented in the README and in <c>rainforest --help</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An import or migration finished, but some lines or records were rejected or skipped (each reported with its reason).</summary>
    public const int LinesRejected = 1;

    /// <summary>Bad arguments or options, a missing API key, an unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached or did not answer in time.</summary>
    public const int Unreachable = 3;

    /// <summary>The server refused the API key (401/403).</summary>
    public const int KeyRejected = 4;

    /// <summary>The user asked for does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>The server failed (5xx, rate limit not lifting, an answer this tool does not understand).</summary>
    public const int ServerError = 6;

    /// <summary>A defect in this tool; the message says what happened.</summary>
    public const int Unexpected = 70;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
