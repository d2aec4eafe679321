using Rainforest.Domain.HourFiles;
using Rainforest.Eagle.Local;

namespace Rainforest.Eagle.Tests;

/// <summary>Summation and price replies, relay and local, become one record line with the relay's raw strings.</summary>
public sealed class CapturedReadingTests
{
    private static readonly DateTimeOffset ReadAt = new(2015, 3, 10, 17, 54, 1, TimeSpan.Zero);

    [Fact]
    public void A_relay_summation_keeps_its_raw_hex_strings_in_record_order_and_ignores_extra_elements()
    {
        const string body = "<CurrentSummation>\r\n  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\r\n  <Divisor>0x000003e8</Divisor>\r\n" +
            "  <SummationDelivered>0x0194a6c2</SummationDelivered>\r\n  <TimeStamp>0x1c91ec39</TimeStamp>\r\n" +
            "  <SummationReceived>0x00000000</SummationReceived>\r\n  <Multiplier>0x00000001</Multiplier>\r\n</CurrentSummation>\r\n";

        var outcome = CapturedReading.Parse(body, RecordKind.Summation, ReadAt);

        Assert.True(outcome.IsCaptured, outcome.Detail);
        Assert.Equal("{\"TimeStamp\": \"0x1c91ec39\", \"SummationDelivered\": \"0x0194a6c2\", \"SummationReceived\": \"0x00000000\", \"Multiplier\": \"0x00000001\", \"Divisor\": \"0x000003e8\"}",
            outcome.CapturedLine);
    }

    [Fact]
    public void A_json_price_without_a_timestamp_gets_the_request_time_in_the_gateway_s_count()
    {
        const string body = "\"PriceCluster\": {\"Price\": \"0x00000013\", \"Currency\": \"0x0348\", \"TrailingDigits\": \"0x02\", \"Tier\": \"0x02\", \"RateLabel\": \"Block 2\"}";

        var outcome = CapturedReading.Parse(body, RecordKind.Price, ReadAt);

        Assert.True(outcome.IsCaptured, outcome.Detail);
        var seconds = (ulong)(ReadAt - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;
        Assert.Equal($"{{\"TimeStamp\": \"0x{seconds:x8}\", \"Price\": \"0x00000013\", \"TrailingDigits\": \"0x02\", \"Currency\": \"0x0348\", \"Tier\": \"0x02\", \"RateLabel\": \"Block 2\"}}",
            outcome.CapturedLine);
        Assert.True(RecordKind.Price.Format.TryRead(outcome.CapturedLine, out _));
    }

    [Theory]
    [InlineData("<Error>\r\n  <Text>Command failed</Text>\r\n</Error>", RelayOutcomeKind.RelayError)]
    [InlineData("<PriceCluster><Currency>0x0348</Currency></PriceCluster>", RelayOutcomeKind.Incomplete)]
    [InlineData("<PriceCluster><Price>invalid</Price></PriceCluster>", RelayOutcomeKind.Malformed)]
    [InlineData("<InstantaneousDemand><Demand>0x01</Demand></InstantaneousDemand>", RelayOutcomeKind.Malformed)]
    [InlineData("<PriceCluster><Price>0x13", RelayOutcomeKind.Malformed)]
    public void A_price_reply_that_is_not_a_price_is_classified_never_logged(string body, RelayOutcomeKind kind)
    {
        var outcome = CapturedReading.Parse(body, RecordKind.Price, ReadAt);

        Assert.False(outcome.IsCaptured);
        Assert.Equal(kind, outcome.Kind);
    }

    [Fact]
    public void A_pushed_summation_fragment_is_read_like_the_relay_s_reply()
    {
        var outcome = CapturedReading.Parse("<CurrentSummationDelivered><TimeStamp>0x1c91ec39</TimeStamp><SummationDelivered>0x10</SummationDelivered>" +
            "<SummationReceived>0x0</SummationReceived><Multiplier>0x1</Multiplier><Divisor>0x3e8</Divisor></CurrentSummationDelivered>", RecordKind.Summation, ReadAt);

        Assert.True(outcome.IsCaptured, outcome.Detail);
        Assert.Contains("\"SummationDelivered\": \"0x10\"", outcome.CapturedLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_decimal_values_become_the_relay_s_raw_form()
    {
        const string summation = "<Device><DeviceDetails><HardwareAddress>0x000781000081fd0b</HardwareAddress><LastContact>0x5508b07b</LastContact></DeviceDetails>" +
            "<Components><Component><Name>Main</Name><Variables>" +
            "<Variable><Name>zigbee:CurrentSummationDelivered</Name><Value>26519.234</Value><Units>kWh</Units></Variable>" +
            "</Variables></Component></Components></Device>";
        var outcome = LocalCaptureParser.Parse(summation, RecordKind.Summation, ReadAt);
        Assert.True(outcome.IsCaptured, outcome.Detail);
        // 26519.234 kWh = 26519234 Wh = 0x0194a6c2; LastContact is Unix time, the record counts from 2000; received missing → empty.
        Assert.Equal($"{{\"TimeStamp\": \"0x{0x5508b07bUL - 946_684_800UL:x8}\", \"SummationDelivered\": \"0x0194a6c2\", \"SummationReceived\": \"\", \"Multiplier\": \"0x00000001\", \"Divisor\": \"0x000003e8\"}}",
            outcome.CapturedLine);

        const string price = "<Device><DeviceDetails><HardwareAddress>0x000781000081fd0b</HardwareAddress></DeviceDetails><Components><Component><Variables>" +
            "<Variable><Name>zigbee:Price</Name><Value>0.1350</Value></Variable><Variable><Name>zigbee:PriceCurrency</Name><Value>USD</Value></Variable>" +
            "<Variable><Name>zigbee:RateLabel</Name><Value>Peak</Value></Variable></Variables></Component></Components></Device>";
        outcome = LocalCaptureParser.Parse(price, RecordKind.Price, ReadAt);
        Assert.True(outcome.IsCaptured, outcome.Detail);
        Assert.Contains("\"Price\": \"0x00000546\", \"TrailingDigits\": \"0x04\", \"Currency\": \"0x0348\", \"Tier\": \"\", \"RateLabel\": \"Peak\"", outcome.CapturedLine, StringComparison.Ordinal);

        var invalid = LocalCaptureParser.Parse(price.Replace("0.1350", "invalid", StringComparison.Ordinal), RecordKind.Price, ReadAt);
        Assert.Equal(RelayOutcomeKind.Malformed, invalid.Kind);
    }
}
