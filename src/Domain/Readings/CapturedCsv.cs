using System.Globalization;
using System.Text.Json;
using Rainforest.Domain.HourFiles;

namespace Rainforest.Domain.Readings;

/// <summary>
/// Summation and price readings as CSV: the decoded time and values first, then every raw field as logged.
/// Summation: kWh = value × Multiplier ÷ Divisor (0 read as 1, like demand). Price: Price ÷ 10^TrailingDigits,
/// the currency (ISO 4217 letters for the usual numeric codes, else the number), the tier and the rate label.
/// A value the gateway left empty or not hex gives an empty decoded cell, never a made-up 0.
/// </summary>
public static class CapturedCsv
{
    private static readonly Dictionary<ulong, string> Currencies = new()
    {
        [840] = "USD", [124] = "CAD", [978] = "EUR", [826] = "GBP", [36] = "AUD", [554] = "NZD", [484] = "MXN",
    };

    public static string Header(RecordKind kind) => kind == RecordKind.Summation
        ? "time_utc,delivered_kwh,received_kwh," + string.Join(',', kind.Format.FieldNames)
        : "time_utc,price,currency,tier,rate_label," + string.Join(',', kind.Format.FieldNames);

    /// <summary>One row of a logged <paramref name="kind"/> line, without its line ending.</summary>
    public static string Row(RecordKind kind, string line)
    {
        using var document = JsonDocument.Parse(line);
        var values = kind.Format.FieldNames.Select(name =>
            document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "").ToArray();
        string Raw(string name) => values[IndexOf(kind, name)];

        HexText.TryParse(Raw("TimeStamp"), out var stamp);
        var cells = new List<string> { GatewayDemand.TimeOf(stamp).UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture) };
        if (kind == RecordKind.Summation)
        {
            var multiplier = HexText.TryParse(Raw("Multiplier"), out var m) && m != 0 ? m : 1;
            var divisor = HexText.TryParse(Raw("Divisor"), out var d) && d != 0 ? d : 1;
            cells.Add(Scaled(Raw("SummationDelivered"), multiplier, divisor));
            cells.Add(Scaled(Raw("SummationReceived"), multiplier, divisor));
        }
        else
        {
            var digits = HexText.TryParse(Raw("TrailingDigits"), out var t) ? t : 0;
            cells.Add(HexText.TryParse(Raw("Price"), out var price) && digits <= 18
                ? ((decimal)price / Pow10(digits)).ToString(CultureInfo.InvariantCulture) : "");
            cells.Add(HexText.TryParse(Raw("Currency"), out var currency)
                ? Currencies.GetValueOrDefault(currency, currency.ToString(CultureInfo.InvariantCulture)) : "");
            cells.Add(HexText.TryParse(Raw("Tier"), out var tier) ? tier.ToString(CultureInfo.InvariantCulture) : "");
            cells.Add(Escape(Raw("RateLabel")));
        }
        cells.AddRange(values.Select(Escape));
        return string.Join(',', cells);
    }

    private static string Scaled(string raw, ulong multiplier, ulong divisor) => HexText.TryParse(raw, out var value)
        ? ((double)value * multiplier / divisor).ToString(CultureInfo.InvariantCulture) : "";

    private static decimal Pow10(ulong digits)
    {
        var result = 1m;
        for (var i = 0UL; i < digits; i++) result *= 10;
        return result;
    }

    private static int IndexOf(RecordKind kind, string name)
    {
        for (var i = 0; i < kind.Format.FieldNames.Count; i++)
        {
            if (kind.Format.FieldNames[i] == name) return i;
        }
        throw new ArgumentException($"{kind} has no field {name}.", nameof(name));
    }

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
