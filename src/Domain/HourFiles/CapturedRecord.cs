namespace Rainforest.Domain.HourFiles;

/// <summary>
/// The record lines of the captured kinds: every value the raw string the relay sent under the same name
/// (hex numbers keep their <c>0x</c>), so nothing is decoded or lost on the way into the file. TimeStamp is the
/// gateway's own time (seconds since 2000-01-01 UTC, hex) and orders the lines like the demand record's.
/// </summary>
public static class CapturedRecord
{
    /// <summary>get_current_summation: root <c>CurrentSummation</c>.</summary>
    public static RecordFormat Summation { get; } = new(
    [
        new("TimeStamp", RecordFieldType.HexTimeStamp),
        new("SummationDelivered", RecordFieldType.Text),
        new("SummationReceived", RecordFieldType.Text),
        new("Multiplier", RecordFieldType.Text),
        new("Divisor", RecordFieldType.Text),
    ]);

    /// <summary>get_price: root <c>PriceCluster</c>.</summary>
    public static RecordFormat Price { get; } = new(
    [
        new("TimeStamp", RecordFieldType.HexTimeStamp),
        new("Price", RecordFieldType.Text),
        new("TrailingDigits", RecordFieldType.Text),
        new("Currency", RecordFieldType.Text),
        new("Tier", RecordFieldType.Text),
        new("RateLabel", RecordFieldType.Text),
    ]);
}
