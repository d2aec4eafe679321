namespace Rainforest.Cli.Api;

/// <summary>
/// <c>GET /api/archive</c>, read field by field: every field is optional, so a server that adds, renames or
/// drops one still gets a status screen (the full JSON is shown with <c>--json</c>).
/// </summary>
public sealed record ArchiveSummary(
    int? BacklogFiles,
    string? OldestBacklogAge,
    long? HoursShipped,
    bool? Failing,
    IReadOnlyList<ArchiveSilo>? Silos)
{
    public static ArchiveSummary From(JsonElement archive)
    {
        IReadOnlyList<ArchiveSilo>? silos = null;
        if (archive.ValueKind == JsonValueKind.Object
            && archive.TryGetProperty("silos", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            silos = list.EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object)
                .Select(s => new ArchiveSilo(
                    Text(s, "silo") ?? "?", Text(s, "host"), Int(s, "backlog_files"), Text(s, "oldest_backlog_age"),
                    Long(s, "hours_shipped"), Bool(s, "failing"), Text(s, "last_error")))
                .ToList();
        }
        return new ArchiveSummary(Int(archive, "backlog_files"), Text(archive, "oldest_backlog_age"),
            Long(archive, "hours_shipped"), Bool(archive, "failing"), silos);
    }

    private static JsonElement? Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement e, string name) => Field(e, name) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    private static int? Int(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n : null;

    private static long? Long(JsonElement e, string name) =>
        Field(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    private static bool? Bool(JsonElement e, string name) => Field(e, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
