using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Rainforest.Archive.Readings;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;

namespace Rainforest.Api.Endpoints;

/// <summary>The checked query of the readings routes: a UTC range of at most 31 days, a format and a kind.</summary>
public sealed partial record ReadingsQuery(DateTimeOffset From, DateTimeOffset To, ReadingsFormat Format)
{
    /// <summary>Which hour files are read: demand (the default) or a captured sibling.</summary>
    public RecordKind Kind { get; init; } = RecordKind.Demand;

    /// <summary>Reads the query, or says in <paramref name="problem"/> why it cannot.</summary>
    public static bool TryParse(string? from, string? to, string? format, string? kind, DateTimeOffset now,
        out ReadingsQuery query, out string problem)
    {
        query = null!;
        problem = string.Empty;
        if (string.IsNullOrWhiteSpace(from)) { problem = "from is required (ISO 8601 UTC or Unix seconds)."; return false; }
        if (!TryParseTime(from, out var start)) { problem = $"from '{from}' is not an ISO 8601 UTC time or Unix seconds."; return false; }
        var end = now;
        if (!string.IsNullOrWhiteSpace(to) && !TryParseTime(to, out end)) { problem = $"to '{to}' is not an ISO 8601 UTC time or Unix seconds."; return false; }
        if (start >= end) { problem = "from must be earlier than to (to is exclusive)."; return false; }
        if (end - start > UserReadings.LongestRange) { problem = $"The range is longer than {UserReadings.LongestRange.TotalDays} days; ask for it in parts."; return false; }

        var parsedFormat = ReadingsFormat.Jsonl;
        if (format is not null)
        {
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) parsedFormat = ReadingsFormat.Csv;
            else if (!string.Equals(format, "jsonl", StringComparison.OrdinalIgnoreCase)) { problem = "format must be jsonl or csv."; return false; }
        }
        var parsedKind = RecordKind.Demand;
        if (kind is not null && RecordKind.Named(kind.ToLowerInvariant()) is not { } named)
        {
            problem = "kind must be demand, summation or price.";
            return false;
        }
        else if (kind is not null)
        {
            parsedKind = RecordKind.Named(kind.ToLowerInvariant())!;
        }
        query = new ReadingsQuery(start, end, parsedFormat) { Kind = parsedKind };
        return true;
    }

    /// <summary>
    /// A summary step: an ISO 8601 duration (<c>PT5M</c>), a TimeSpan (<c>00:05:00</c>) or whole seconds (<c>300</c>),
    /// from one minute to one day.
    /// </summary>
    public static bool TryParseStep(string? text, out TimeSpan step, out string problem)
    {
        step = default;
        problem = $"step must be from {DemandSummary.ShortestStep:c} to {DemandSummary.LongestStep:c}: an ISO 8601 duration (PT5M), a TimeSpan (00:05:00) or seconds (300).";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parsed = false;
        if (WholeNumber().IsMatch(text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400 * 2)
        {
            step = TimeSpan.FromSeconds(seconds);
            parsed = true;
        }
        else if (text.StartsWith('P'))
        {
            try
            {
                step = XmlConvert.ToTimeSpan(text);
                parsed = true;
            }
            catch (FormatException)
            {
            }
            catch (OverflowException)
            {
            }
        }
        else
        {
            parsed = TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out step);
        }
        return parsed && step >= DemandSummary.ShortestStep && step <= DemandSummary.LongestStep;
    }

    /// <summary>ISO 8601 (a <c>Z</c> or an offset; none means UTC) or Unix seconds.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        if (WholeNumber().IsMatch(text))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799) return false;
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        if (!IsoShape().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)) return false;
        time = time.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^[0-9]{1,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoShape();
}

public enum ReadingsFormat
{
    Jsonl,
    Csv,
}
