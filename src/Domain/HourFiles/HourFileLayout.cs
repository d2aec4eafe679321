using System.Text.RegularExpressions;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// Where an hour of one user's readings lives: the local hour file the user grain appends to and the
/// archive object it is shipped to. Disk favours time (one folder per hour), the archive favours the user.
/// </summary>
public static partial class HourFileLayout
{
    private const string LocalExtension = ".jl";
    private const string ArchiveExtension = ".jl.gz";

    /// <summary><c>&lt;logs&gt;/&lt;YYYY-MM-DD-HH&gt;/iseif-rainforest-&lt;cloud_id&gt;-&lt;YYYY-MM-DD-HH&gt;.jl</c></summary>
    public static string LocalPath(string logsDirectory, string cloudId, DateTimeOffset hourUtc, RecordKind? kind = null)
    {
        var hour = HourStamp.Of(hourUtc);
        return Path.Combine(logsDirectory, hour, FileName(kind, cloudId, hour, LocalExtension));
    }

    /// <summary><c>&lt;prefix&gt;/&lt;cloud_id&gt;/&lt;YYYY&gt;/&lt;MM&gt;/&lt;DD&gt;/iseif-rainforest-&lt;cloud_id&gt;-&lt;YYYY-MM-DD-HH&gt;.jl.gz</c></summary>
    public static string ObjectKey(string prefix, string cloudId, DateTimeOffset hourUtc, RecordKind? kind = null)
    {
        var day = hourUtc.UtcDateTime.ToString("yyyy'/'MM'/'dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = FileName(kind, cloudId, HourStamp.Of(hourUtc), ArchiveExtension);
        return string.IsNullOrEmpty(prefix)
            ? $"{cloudId}/{day}/{name}"
            : $"{prefix.TrimEnd('/')}/{cloudId}/{day}/{name}";
    }

    /// <summary>
    /// Accepts only a demand hour file exactly of our shape: a canonical (lower-case, six hex digit) Cloud ID,
    /// and a parent folder named after the same hour as the file. Anything else is not ours and is left alone.
    /// </summary>
    public static bool TryParseLocalPath(string path, out string cloudId, out DateTimeOffset hourUtc) =>
        TryParseLocalPath(path, out cloudId, out hourUtc, out var kind) && kind == RecordKind.Demand;

    /// <summary>Like the demand-only overload, for an hour file of any kind (demand or a captured sibling).</summary>
    public static bool TryParseLocalPath(string path, out string cloudId, out DateTimeOffset hourUtc, out RecordKind kind)
    {
        cloudId = string.Empty;
        hourUtc = default;
        kind = RecordKind.Demand;
        if (string.IsNullOrEmpty(path) || Path.EndsInDirectorySeparator(path)) return false;

        var match = HourFileName().Match(Path.GetFileName(path));
        if (!match.Success) return false;
        var kindGroup = match.Groups["kind"];
        if (kindGroup.Success) kind = RecordKind.Named(kindGroup.Value)!;

        var hour = match.Groups["hour"].Value;
        var folder = Path.GetFileName(Path.GetDirectoryName(path));
        if (!string.Equals(folder, hour, StringComparison.Ordinal)) return false;
        if (!HourStamp.TryParse(hour, out var parsedHour)) return false;

        cloudId = match.Groups["id"].Value;
        hourUtc = parsedHour;
        return true;
    }

    private static string FileName(RecordKind? kind, string cloudId, string hour, string extension) =>
        string.Concat((kind ?? RecordKind.Demand).FileNamePrefix, cloudId, "-", hour, extension);

    // The demand name is the 2015 one; a sibling kind's name adds its kind before the Cloud ID, which a
    // Cloud ID (six hex digits) can never be mistaken for.
    [GeneratedRegex(@"^iseif-rainforest-(?:(?<kind>summation|price)-)?(?<id>[0-9a-f]{6})-(?<hour>[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2})\.jl$", RegexOptions.CultureInvariant)]
    private static partial Regex HourFileName();
}
