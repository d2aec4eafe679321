using System.Globalization;

namespace Rainforest.Domain.Readings;

/// <summary>
/// Demand readings as CSV for analysts: the decoded time and kW first, then every raw field of the record so
/// nothing the gateway sent is lost. Values never need quoting except the free-text flag, which is escaped.
/// </summary>
public static class ReadingsCsv
{
    public const string Header =
        "time_utc,demand_kw,DeviceMacId,MeterMacId,TimeStamp,Demand,Multiplier,Divisor,DigitsRight,DigitsLeft,SuppressLeadingZero";

    /// <summary>One row, without its line ending.</summary>
    public static string Row(in DemandReading r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Time:yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'},{r.Kilowatts},{r.DeviceMacId},{r.MeterMacId},{r.TimeStamp},{r.Demand},{r.Multiplier},{r.Divisor},{r.DigitsRight},{r.DigitsLeft},{Escape(r.SuppressLeadingZero)}");

    private static string Escape(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
