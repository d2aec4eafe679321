using System.Xml.Linq;
using Rainforest.Domain.HourFiles;
using Rainforest.Domain.Readings;

namespace Rainforest.Eagle.Local;

/// <summary>
/// Turns a local API device_query of the summation or price variables into the same record line the relay's reply
/// gives, so both sources write one format: the decimal kWh become a hex register with Multiplier 1 and Divisor
/// 1000 (three decimals, the register's usual resolution); the decimal price becomes a hex Price with its written
/// decimals as TrailingDigits, the currency its ISO 4217 number. The local API reports no tier: Tier stays empty.
/// A missing or non-numeric value (firmware reports "invalid" prices) is never logged as 0. Never throws.
/// </summary>
public static class LocalCaptureParser
{
    private const long UnixSecondsAt2000 = 946_684_800;

    private static readonly Dictionary<string, ulong> Currencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 840, ["CAD"] = 124, ["EUR"] = 978, ["GBP"] = 826, ["AUD"] = 36, ["NZD"] = 554, ["MXN"] = 484,
    };

    public static RelayOutcome Parse(string body, RecordKind kind, DateTimeOffset readAt)
    {
        if (LocalReplyParser.Load(body, "Device", out var root) is { } failure) return failure;
        var values = root!.Descendants()
            .Where(e => e.Name.LocalName.Equals("Variable", StringComparison.OrdinalIgnoreCase))
            .Select(v => (Name: LocalReplyParser.Value(v, "Name")?.Trim() ?? "", Value: LocalReplyParser.Value(v, "Value")?.Trim() ?? ""))
            .GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);

        var details = LocalReplyParser.Children(root, "DeviceDetails").FirstOrDefault();
        var seconds = RelayReplyParser.TryParseHex(details is null ? null : LocalReplyParser.Value(details, "LastContact"), out var unix) && unix > UnixSecondsAt2000
            ? unix - UnixSecondsAt2000
            : (ulong)Math.Max(0, (long)(readAt - GatewayDemand.Epoch).TotalSeconds);
        var line = new Dictionary<string, string>(StringComparer.Ordinal) { ["TimeStamp"] = HexText.Format(seconds) };

        if (kind == RecordKind.Summation)
        {
            if (!TryDecimal(values.GetValueOrDefault(LocalApiProtocol.SummationDeliveredVariable), out var delivered))
            {
                return RelayOutcome.Incomplete($"reply has no numeric {LocalApiProtocol.SummationDeliveredVariable}", body);
            }
            line["SummationDelivered"] = HexText.Format((ulong)Math.Round(delivered * 1000m));
            // CurrentSummationReceived may be missing (no export): left empty rather than written as 0.
            line["SummationReceived"] = TryDecimal(values.GetValueOrDefault(LocalApiProtocol.SummationReceivedVariable), out var received)
                ? HexText.Format((ulong)Math.Round(received * 1000m)) : "";
            line["Multiplier"] = "0x00000001";
            line["Divisor"] = "0x000003e8";
        }
        else
        {
            var text = values.GetValueOrDefault(LocalApiProtocol.PriceVariable);
            if (!TryDecimal(text, out var price))
            {
                return text is null
                    ? RelayOutcome.Incomplete($"reply lacks {LocalApiProtocol.PriceVariable}", body)
                    : RelayOutcome.Malformed($"price value \"{TextPreview.Of(text, 40)}\" is not a number", body);
            }
            var digits = Math.Min((int)price.Scale, 9);
            line["Price"] = HexText.Format((ulong)Math.Round(price * Pow10(digits)));
            line["TrailingDigits"] = "0x" + digits.ToString("x2", CultureInfo.InvariantCulture);
            var currency = values.GetValueOrDefault(LocalApiProtocol.PriceCurrencyVariable) ?? "";
            line["Currency"] = Currencies.TryGetValue(currency, out var code) ? "0x" + code.ToString("x4", CultureInfo.InvariantCulture)
                : ulong.TryParse(currency, NumberStyles.None, CultureInfo.InvariantCulture, out code) ? "0x" + code.ToString("x4", CultureInfo.InvariantCulture)
                : currency;
            line["Tier"] = "";
            line["RateLabel"] = values.GetValueOrDefault(LocalApiProtocol.RateLabelVariable) ?? "";
        }
        return RelayOutcome.Captured(kind.Format.WriteText(line));
    }

    // Values may carry their units inline ("425012.345 kWh"); only a non-negative decimal is a reading.
    private static bool TryDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var number = text.Trim().Split(' ', 2)[0];
        return decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++) result *= 10;
        return result;
    }
}
