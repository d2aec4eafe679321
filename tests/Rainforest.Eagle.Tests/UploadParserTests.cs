using Rainforest.Domain.HourFiles;
using Rainforest.Eagle.Uploader;

namespace Rainforest.Eagle.Tests;

/// <summary>The Uploader's envelope as gateways send it, and what is refused whole.</summary>
public sealed class UploadParserTests
{
    private const string Demand =
        "<InstantaneousDemand>\r\n  <DeviceMacId>0xd8d5b9000000103f</DeviceMacId>\r\n  <MeterMacId>0x000781000081fd0b</MeterMacId>\r\n" +
        "  <TimeStamp>0x1c531e54</TimeStamp>\r\n  <Demand>0x0004b0</Demand>\r\n  <Multiplier>0x00000001</Multiplier>\r\n" +
        "  <Divisor>0x000003e8</Divisor>\r\n  <DigitsRight>0x03</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</InstantaneousDemand>\r\n";

    private const string Summation =
        "<CurrentSummationDelivered>\r\n  <DeviceMacId>0xd8d5b9000000103f</DeviceMacId>\r\n  <MeterMacId>0x000781000081fd0b</MeterMacId>\r\n" +
        "  <TimeStamp>0x1c531d6b</TimeStamp>\r\n  <SummationDelivered>0x0000000001321a5f</SummationDelivered>\r\n" +
        "  <SummationReceived>0x0000000000000000</SummationReceived>\r\n  <Multiplier>0x00000001</Multiplier>\r\n" +
        "  <Divisor>0x000003e8</Divisor>\r\n  <DigitsRight>0x01</DigitsRight>\r\n  <DigitsLeft>0x06</DigitsLeft>\r\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n</CurrentSummationDelivered>\r\n";

    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);

    private static UploadParse Parse(string body) => UploadParser.Parse(Encoding.UTF8.GetBytes(body), ReceivedAt);

    [Fact]
    public void An_envelope_yields_its_demand_readings_with_the_relays_record_its_price_apart_and_skips_network_fragments()
    {
        var parsed = Parse("<?xml version=\"1.0\"?>\r\n<rainforest macId=\"0xd8d5b9000000103f\" timestamp=\"1355292588s\">\r\n" +
            "<NetworkInfo><Status>Connected</Status></NetworkInfo>\r\n" + Demand +
            "<PriceCluster><Price>0x0000000e</Price></PriceCluster>\r\n</rainforest>\r\n");

        Assert.True(parsed.Accepted, parsed.Reason);
        Assert.Equal(0xd8d5b9000000103fUL, parsed.MacId);
        var reading = Assert.Single(parsed.Readings);
        Assert.Equal(0x1c531e54UL, reading.TimeStamp);
        Assert.Equal(1.2, reading.DemandKilowatts, 3);
        Assert.Equal(RecordKind.Price, Assert.Single(parsed.Captured).Kind);
    }

    [Fact]
    public void Names_are_matched_in_any_letter_case()
    {
        var parsed = Parse($"<RAINFOREST MacID=\"D8D5B9000000103F\">{Demand.Replace("InstantaneousDemand", "instantaneousdemand", StringComparison.Ordinal)}</RAINFOREST>");

        Assert.True(parsed.Accepted, parsed.Reason);
        Assert.Single(parsed.Readings);
    }

    [Theory]
    [InlineData("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rainforest macId=\"0x1\">&x;</rainforest>")]
    [InlineData("<rainforest>" + "</rainforest>")]
    [InlineData("<rainforest macId=\"0x1\"><InstantaneousDemand><Demand>0x1</Demand></InstantaneousDemand></rainforest>")]
    [InlineData("<rainforest macId=\"0x1\"><InstantaneousDemand>")]
    [InlineData("<Error><Text>no</Text></Error>")]
    [InlineData("")]
    public void Anything_else_is_refused_with_a_reason_and_no_reading(string body)
    {
        var parsed = Parse(body);

        Assert.False(parsed.Accepted);
        Assert.Empty(parsed.Readings);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Reason));
        Assert.DoesNotContain("passwd", parsed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Summation_and_price_fragments_become_the_same_record_lines_as_a_polled_reply()
    {
        const string price = "<pricecluster><TimeStamp>0x1c531e54</TimeStamp><Price>0x0000000e</Price><Currency>0x0348</Currency>" +
            "<TrailingDigits>0x02</TrailingDigits><Tier>0x01</Tier><RateLabel>Block 1</RateLabel></pricecluster>";
        var parsed = Parse($"<rainforest macId=\"0xd8d5b9000000103f\">{Demand}{Summation}{price}</rainforest>");

        Assert.True(parsed.Accepted, parsed.Reason);
        Assert.Single(parsed.Readings);
        Assert.Collection(parsed.Captured,
            s => Assert.Equal((RecordKind.Summation, CapturedReading.Parse(Summation, RecordKind.Summation, ReceivedAt).CapturedLine), (s.Kind, s.Outcome.CapturedLine)),
            p => Assert.Equal((RecordKind.Price, CapturedReading.Parse(price, RecordKind.Price, ReceivedAt).CapturedLine), (p.Kind, p.Outcome.CapturedLine)));
        Assert.All(parsed.Captured, c => Assert.True(c.Outcome.IsCaptured));
    }

    [Fact]
    public void A_summation_fragment_without_a_readable_value_is_kept_as_a_failure_and_the_demand_reading_still_counts()
    {
        var parsed = Parse($"<rainforest macId=\"0x1\">{Demand}<CurrentSummation><SummationDelivered>kWh</SummationDelivered></CurrentSummation></rainforest>");

        Assert.True(parsed.Accepted, parsed.Reason);
        Assert.Single(parsed.Readings);
        var failed = Assert.Single(parsed.Captured);
        Assert.Equal(RecordKind.Summation, failed.Kind);
        Assert.False(failed.Outcome.IsCaptured);
    }

    [Fact]
    public void A_truncated_price_fragment_refuses_the_envelope_whole()
    {
        var parsed = Parse($"<rainforest macId=\"0x1\">{Demand}<PriceCluster><Price>0x1</Price>");

        Assert.False(parsed.Accepted);
        Assert.Empty(parsed.Readings);
        Assert.Empty(parsed.Captured);
    }
}
