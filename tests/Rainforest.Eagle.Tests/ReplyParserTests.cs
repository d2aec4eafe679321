namespace Rainforest.Eagle.Tests;

public sealed class ReplyParserTests
{
    private static readonly InstantaneousDemand CanonicalReading = new(
        DeviceMacId: 0xd8d5b90000002aeb,
        MeterMacId: 0x000781000081fd17,
        TimeStamp: 0x1c91ec39,
        Demand: 0x3b0,
        Multiplier: 1,
        Divisor: 1000,
        DigitsRight: 3,
        DigitsLeft: 6,
        SuppressLeadingZero: "Y");

    private static InstantaneousDemand ReadingOf(string body)
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(body);
        Assert.True(outcome.IsReading, $"expected a reading, got {outcome.Kind}: {outcome.Detail}");
        Assert.Null(outcome.Detail);
        return outcome.Reading;
    }

    [Fact]
    public void Reads_the_canonical_reply()
    {
        var reading = ReadingOf(RecordedReplies.Canonical);

        Assert.Equal(CanonicalReading, reading);
        Assert.Equal(15624597891882953451UL, reading.DeviceMacId);
        Assert.Equal(2112161845476631UL, reading.MeterMacId);
        Assert.Equal(479325241UL, reading.TimeStamp);
        Assert.Equal(944UL, reading.Demand);
    }

    [Fact]
    public void Reads_a_reply_with_crlf_and_no_declaration() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.Crlf));

    [Fact]
    public void Reads_a_reply_wrapped_in_leading_and_trailing_whitespace() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.LeadingAndTrailingWhitespace));

    [Fact]
    public void Reads_a_reply_with_a_declaration_and_a_byte_order_mark() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.DeclarationAndBom));

    [Fact]
    public void Reads_reordered_elements_and_ignores_extra_ones() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.ReorderedWithExtras));

    [Fact]
    public void Reads_hex_values_without_the_0x_prefix() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.WithoutHexPrefix));

    [Fact]
    public void Trims_whitespace_around_values() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.PaddedValues));

    [Theory]
    [InlineData(RecordedReplies.UpperCaseNames)]
    [InlineData(RecordedReplies.LowerCaseNames)]
    public void Matches_element_names_regardless_of_case(string body) =>
        Assert.Equal(CanonicalReading, ReadingOf(body));

    [Fact]
    public void Reads_a_json_mode_reply() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.Json));

    [Fact]
    public void Reads_a_json_mode_reply_without_its_outer_braces() =>
        Assert.Equal(CanonicalReading, ReadingOf(RecordedReplies.JsonWithoutOuterBraces));

    [Fact]
    public void Keeps_a_negative_export_demand_raw()
    {
        var reading = ReadingOf(RecordedReplies.ExportingDemand);

        Assert.Equal(4294963632UL, reading.Demand);
        Assert.Equal("N", reading.SuppressLeadingZero);
        Assert.Contains("\"Demand\": 4294963632,", reading.ToRecordLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void Interprets_a_wrapped_demand_as_negative_only_for_display()
    {
        var reading = ReadingOf(RecordedReplies.ExportingDemand);

        Assert.Equal(-3664L, reading.SignedDemand);
        Assert.Equal(-3.664, reading.DemandKilowatts, 6);
        Assert.Equal(0.944, ReadingOf(RecordedReplies.Canonical).DemandKilowatts, 6);
    }

    [Fact]
    public void Dates_the_reading_from_the_year_2000_epoch() =>
        Assert.Equal(
            new DateTimeOffset(2015, 3, 10, 17, 54, 1, TimeSpan.Zero),
            ReadingOf(RecordedReplies.Canonical).GatewayTime);

    [Fact]
    public void Reports_truncated_xml_as_malformed_and_quotes_the_body_start()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.Truncated);

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.Null(outcome.Reading);
        Assert.Contains("<InstantaneousDemand>\\r\\n  <DeviceMacId>", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_truncated_json_as_malformed() =>
        Assert.Equal(RelayOutcomeKind.Malformed, RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.TruncatedJson).Kind);

    [Fact]
    public void Reports_a_missing_field_as_incomplete_and_names_it()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.MissingDemand);

        Assert.Equal(RelayOutcomeKind.Incomplete, outcome.Kind);
        Assert.StartsWith("reply lacks Demand;", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_empty_value_as_incomplete_and_names_it()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.EmptyDivisor);

        Assert.Equal(RelayOutcomeKind.Incomplete, outcome.Kind);
        Assert.StartsWith("reply has no value for Divisor;", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_every_missing_field_of_an_empty_reading()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.EmptyRoot);

        Assert.Equal(RelayOutcomeKind.Incomplete, outcome.Kind);
        foreach (var field in InstantaneousDemand.FieldNames)
        {
            Assert.Contains(field, outcome.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reports_a_value_that_is_not_hex_as_malformed()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.NonHexDemand);

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.StartsWith("Demand is not a 64-bit hex number: \"0.944 kW\"", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_mac_id_wider_than_64_bits_as_malformed() =>
        Assert.Equal(RelayOutcomeKind.Malformed, RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.OverflowingMac).Kind);

    [Fact]
    public void Reports_a_json_number_where_a_hex_string_belongs_as_malformed() =>
        Assert.Equal(RelayOutcomeKind.Malformed, RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.JsonNumericValue).Kind);

    [Theory]
    [InlineData(RecordedReplies.Html)]
    [InlineData(RecordedReplies.HtmlWithoutDoctype)]
    [InlineData(RecordedReplies.Garbage)]
    [InlineData(RecordedReplies.OtherRoot)]
    [InlineData("")]
    [InlineData(" \r\n ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"NetworkInfo\": {}}")]
    public void Reports_garbage_html_and_other_replies_as_malformed(string body)
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(body);

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Detail));
        Assert.DoesNotContain('\0', outcome.Detail!);
        Assert.DoesNotContain('\u001b', outcome.Detail!);
    }

    [Fact]
    public void Refuses_a_document_type_declaration_so_no_external_entity_is_read()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.ExternalEntity);

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.DoesNotContain("root:", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_at_most_about_eighty_characters_of_a_long_body()
    {
        var body = "<html>" + new string('x', 5000);

        var outcome = RelayReplyParser.ParseInstantaneousDemand(body);

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.True(outcome.Detail!.Length < 200, outcome.Detail);
        Assert.EndsWith("...\"", outcome.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0xd8d5b90000002aeb", 0xd8d5b90000002aebUL)]
    [InlineData("0XFFFFFFFFFFFFFFFF", ulong.MaxValue)]
    [InlineData("  0x00 ", 0UL)]
    [InlineData("00000000000000000001", 1UL)]
    [InlineData("3b0", 944UL)]
    public void Parses_hex_values_into_unsigned_64_bits(string text, ulong expected)
    {
        Assert.True(RelayReplyParser.TryParseHex(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("-0x1")]
    [InlineData("+1")]
    [InlineData("0x 1")]
    [InlineData("12g")]
    [InlineData("0x10000000000000000")]
    public void Rejects_text_that_is_not_a_64_bit_hex_value(string text) =>
        Assert.False(RelayReplyParser.TryParseHex(text, out _));
}
