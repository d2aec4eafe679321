using Rainforest.Domain.HourFiles;

namespace Rainforest.Eagle.Tests;

/// <summary>A reading becomes its hour-file line (the format itself is tested in Rainforest.Domain.Tests).</summary>
public sealed class RecordLineTests
{
    private static InstantaneousDemand Canonical() =>
        RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.Canonical).Reading!;

    [Fact]
    public void Writes_the_canonical_reply_exactly_as_the_original_logger_did() =>
        Assert.Equal(RecordedReplies.CanonicalRecordLine, Canonical().ToRecordLine());

    [Fact]
    public void Every_value_goes_to_its_own_key_raw()
    {
        var reading = new InstantaneousDemand(1, 2, 3, 4294963632, 5, 6, 7, 8, "N");

        Assert.Equal(
            "{\"DeviceMacId\": 1, \"MeterMacId\": 2, \"TimeStamp\": 3, \"Demand\": 4294963632, \"Multiplier\": 5, \"Divisor\": 6, \"DigitsRight\": 7, \"DigitsLeft\": 8, \"SuppressLeadingZero\": \"N\"}",
            reading.ToRecordLine());
        Assert.True(DemandRecord.Format.TryRead(reading.ToRecordLine(), out var timeStamp));
        Assert.Equal(3UL, timeStamp);
    }

    [Fact]
    public void The_reply_fields_are_the_record_keys() =>
        Assert.Equal(DemandRecord.Format.FieldNames, InstantaneousDemand.FieldNames);
}
