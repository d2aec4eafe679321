using System.Globalization;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// The instantaneous-demand record line, byte for byte the original logger's: Python <c>json.dumps</c> of a
/// dict of these nine keys in this order, separators <c>", "</c> and <c>": "</c>, integers unquoted,
/// SuppressLeadingZero as an ASCII-escaped JSON string, no trailing newline.
/// </summary>
public static class DemandRecord
{
    public static RecordFormat Format { get; } = new(
    [
        new("DeviceMacId", RecordFieldType.Unsigned),
        new("MeterMacId", RecordFieldType.Unsigned),
        new("TimeStamp", RecordFieldType.TimeStamp),
        new("Demand", RecordFieldType.Integer),
        new("Multiplier", RecordFieldType.Integer),
        new("Divisor", RecordFieldType.Integer),
        new("DigitsRight", RecordFieldType.Integer),
        new("DigitsLeft", RecordFieldType.Integer),
        new("SuppressLeadingZero", RecordFieldType.Text),
    ]);

    /// <summary>The record line of one reading, every value exactly as the gateway sent it.</summary>
    public static string Write(ulong deviceMacId, ulong meterMacId, ulong timeStamp, ulong demand, ulong multiplier,
        ulong divisor, ulong digitsRight, ulong digitsLeft, string? suppressLeadingZero) => PythonJson.NeedsNoEscape(suppressLeadingZero)
        // The usual "Y" or "N" goes between the quotes as it is, without building an escaped copy first.
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"DeviceMacId\": {deviceMacId}, \"MeterMacId\": {meterMacId}, \"TimeStamp\": {timeStamp}, \"Demand\": {demand}, \"Multiplier\": {multiplier}, \"Divisor\": {divisor}, \"DigitsRight\": {digitsRight}, \"DigitsLeft\": {digitsLeft}, \"SuppressLeadingZero\": \"{suppressLeadingZero}\"}}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"DeviceMacId\": {deviceMacId}, \"MeterMacId\": {meterMacId}, \"TimeStamp\": {timeStamp}, \"Demand\": {demand}, \"Multiplier\": {multiplier}, \"Divisor\": {divisor}, \"DigitsRight\": {digitsRight}, \"DigitsLeft\": {digitsLeft}, \"SuppressLeadingZero\": {PythonJson.QuotedString(suppressLeadingZero)}}}");
}
