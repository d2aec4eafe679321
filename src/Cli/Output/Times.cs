using System.Globalization;

namespace Rainforest.Cli.Output;

/// <summary>Moments as operators read them: UTC, to the second, like the hour files are named.</summary>
public static class Times
{
    public const string None = "-";

    public static string Show(DateTimeOffset? moment) =>
        moment?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? None;

    /// <summary>The API's Unix-seconds timestamps (the original record's <c>first_timestamp</c>, <c>last_timestamp</c>).</summary>
    public static string ShowUnixSeconds(double? seconds) =>
        seconds is { } s ? Show(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000))) : None;
}
