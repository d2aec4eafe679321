namespace Rainforest.Cli.Output;

/// <summary>
/// <c>status</c>: the answering process's readiness, users by state, and the archive's shipping (silos and
/// backlog). <see cref="Archive"/> is the server's JSON as sent, or null when the server does not report it.
/// </summary>
public sealed record StatusReport(
    string Server,
    bool? Ready,
    string Readiness,
    int? Silos,
    UserCounts Users,
    JsonElement? Archive);
