using System.Globalization;
using System.Text.RegularExpressions;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// The UTC hour an hour file covers, written <c>yyyy-MM-dd-HH</c> (e.g. <c>2015-03-10-17</c>): the name of
/// the hour folder, part of every file name and object key, and what a user's counters say they cover.
/// </summary>
public static partial class HourStamp
{
    public const string Pattern = "yyyy-MM-dd-HH";

    /// <summary>The stamp of the UTC hour that contains <paramref name="time"/>.</summary>
    public static string Of(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The start of the UTC hour that contains <paramref name="time"/>.</summary>
    public static DateTimeOffset StartOfHour(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Reads a stamp back: exactly <c>YYYY-MM-DD-HH</c> naming a real UTC hour, or false.</summary>
    public static bool TryParse(string? stamp, out DateTimeOffset hourUtc)
    {
        hourUtc = default;
        if (stamp is null || !StampShape().IsMatch(stamp)) return false;
        if (!DateTime.TryParseExact(stamp, Pattern, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }
        hourUtc = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex StampShape();
}
