using System.Globalization;
using System.Text.RegularExpressions;

namespace Rainforest.Archive;

/// <summary>
/// Where an hour of one user's readings lives: the local hour file the user grain appends to and the
/// archive object it is shipped to. Disk favours time (one folder per hour), the archive favours the user.
/// </summary>
public static partial class HourFileLayout
{
    public const string HourStampFormat = "yyyy-MM-dd-HH";
    private const string FilePrefix = "iseif-rainforest-";
    private const string LocalExtension = ".jl";
    private const string ArchiveExtension = ".jl.gz";

    /// <summary>How long after an hour ends the user grain may still append to its file (poll timeout &lt; 6 s).</summary>
    public static readonly TimeSpan WriteGrace = TimeSpan.FromSeconds(30);

    /// <summary>The UTC hour stamp, e.g. <c>2015-03-10-17</c>.</summary>
    public static string HourStamp(DateTimeOffset utc) =>
        utc.UtcDateTime.ToString(HourStampFormat, CultureInfo.InvariantCulture);

    /// <summary>The start of the UTC hour that contains <paramref name="utc"/>.</summary>
    public static DateTimeOffset HourStart(DateTimeOffset utc)
    {
        var t = utc.UtcDateTime;
        return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary><c>&lt;logs&gt;/&lt;YYYY-MM-DD-HH&gt;/iseif-rainforest-&lt;cloud_id&gt;-&lt;YYYY-MM-DD-HH&gt;.jl</c></summary>
    public static string LocalPath(string logsDirectory, string cloudId, DateTimeOffset hourUtc)
    {
        var hour = HourStamp(hourUtc);
        return Path.Combine(logsDirectory, hour, FileName(cloudId, hour, LocalExtension));
    }

    /// <summary><c>&lt;prefix&gt;/&lt;cloud_id&gt;/&lt;YYYY&gt;/&lt;MM&gt;/&lt;DD&gt;/iseif-rainforest-&lt;cloud_id&gt;-&lt;YYYY-MM-DD-HH&gt;.jl.gz</c></summary>
    public static string ObjectKey(string prefix, string cloudId, DateTimeOffset hourUtc)
    {
        var t = hourUtc.UtcDateTime;
        var day = t.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture);
        var name = FileName(cloudId, HourStamp(hourUtc), ArchiveExtension);
        return string.IsNullOrEmpty(prefix)
            ? $"{cloudId}/{day}/{name}"
            : $"{prefix.TrimEnd('/')}/{cloudId}/{day}/{name}";
    }

    /// <summary>True for an hour folder name (<c>YYYY-MM-DD-HH</c>, a real UTC hour).</summary>
    public static bool TryParseHourStamp(string? stamp, out DateTimeOffset hourUtc)
    {
        hourUtc = default;
        if (stamp is null || !HourStampPattern().IsMatch(stamp)) return false;
        if (!DateTime.TryParseExact(stamp, HourStampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }
        hourUtc = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }

    /// <summary>
    /// Accepts only a file exactly of our shape: a canonical (lower-case, six hex digit) Cloud ID, and a
    /// parent folder named after the same hour as the file. Anything else is not ours and is left alone.
    /// </summary>
    public static bool TryParseLocalPath(string path, out string cloudId, out DateTimeOffset hourUtc)
    {
        cloudId = string.Empty;
        hourUtc = default;
        if (string.IsNullOrEmpty(path) || Path.EndsInDirectorySeparator(path)) return false;

        var match = LocalFileNamePattern().Match(Path.GetFileName(path));
        if (!match.Success) return false;

        var hour = match.Groups["hour"].Value;
        var folder = Path.GetFileName(Path.GetDirectoryName(path));
        if (!string.Equals(folder, hour, StringComparison.Ordinal)) return false;
        if (!TryParseHourStamp(hour, out var parsedHour)) return false;

        cloudId = match.Groups["id"].Value;
        hourUtc = parsedHour;
        return true;
    }

    private static string FileName(string cloudId, string hour, string extension) =>
        string.Concat(FilePrefix, cloudId, "-", hour, extension);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex HourStampPattern();

    [GeneratedRegex(@"^iseif-rainforest-(?<id>[0-9a-f]{6})-(?<hour>[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2})\.jl$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalFileNamePattern();
}
