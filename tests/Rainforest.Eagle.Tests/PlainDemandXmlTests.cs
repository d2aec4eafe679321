using System.Reflection;

namespace Rainforest.Eagle.Tests;

/// <summary>
/// A usual reply is read straight from its bytes; whatever it reads is the reading the full parser reads, and
/// whatever it cannot read it leaves to the full parser (no reading and no error of its own).
/// </summary>
public sealed class PlainDemandXmlTests
{
    private static readonly string[] Replies = typeof(RecordedReplies)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(RecordedReplies.CanonicalRecordLine))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static InstantaneousDemand? Plain(string body, string? charset = null) =>
        PlainDemandXml.TryRead(Encoding.UTF8.GetBytes(body), charset);

    public static TheoryData<string> Usual => new()
    {
        RecordedReplies.Canonical,
        RecordedReplies.Crlf,
        RecordedReplies.LeadingAndTrailingWhitespace,
        RecordedReplies.WithoutHexPrefix,
        RecordedReplies.PaddedValues,
        RecordedReplies.UpperCaseNames,
        RecordedReplies.LowerCaseNames,
    };

    [Theory]
    [MemberData(nameof(Usual))]
    public void Reads_the_usual_replies_as_the_full_parser_does(string body)
    {
        var plain = Plain(body);

        Assert.NotNull(plain);
        Assert.Equal(RelayReplyParser.ParseInstantaneousDemand(body).Reading, plain);
    }

    [Fact]
    public void Reads_every_recorded_reply_either_as_the_full_parser_does_or_not_at_all()
    {
        foreach (var body in Replies)
        {
            if (Plain(body) is not { } plain) continue;
            var full = RelayReplyParser.ParseInstantaneousDemand(body);
            Assert.True(full.IsReading, $"read a reading the full parser refuses ({full.Kind}: {full.Detail}) from {body}");
            Assert.Equal(full.Reading, plain);
        }
    }

    [Fact]
    public void Reads_the_canonical_reply_into_its_record_line() =>
        Assert.Equal(RecordedReplies.CanonicalRecordLine, Plain(RecordedReplies.Canonical)!.ToRecordLine());

    [Fact]
    public void Reads_a_utf8_byte_order_mark_before_the_reply() =>
        Assert.Equal(RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.Canonical).Reading,
            PlainDemandXml.TryRead([0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(RecordedReplies.Canonical)], "utf-8"));

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n")] // declarations are checked by the full parser
    [InlineData("<!-- relay -->\n")]
    public void Leaves_replies_with_markup_before_the_root_to_the_full_parser(string prefix) =>
        Assert.Null(Plain(prefix + RecordedReplies.Canonical));

    [Theory]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand>0x0003b0 &amp;</Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand><![CDATA[0x0003b0]]></Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand a=\"1\">0x0003b0</Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand>0x0003b0</demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand/>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand></Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand>0x3g</Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand>0x10000000000000000</Demand>")]
    [InlineData("<Demand>0x0003b0</Demand>", "<Demand>é</Demand>")]
    [InlineData("<SuppressLeadingZero>Y</SuppressLeadingZero>", "<SuppressLeadingZero>Y\r\nN</SuppressLeadingZero>")]
    [InlineData("</InstantaneousDemand>\n", "</InstantaneousDemand>\n<InstantaneousDemand/>")]
    [InlineData("<InstantaneousDemand>", "<InstantaneousDemand xmlns=\"urn:eagle\">")]
    public void Leaves_anything_but_plain_elements_and_values_to_the_full_parser(string usual, string replacement)
    {
        Assert.Contains(usual, RecordedReplies.Canonical, StringComparison.Ordinal);
        Assert.Null(Plain(RecordedReplies.Canonical.Replace(usual, replacement, StringComparison.Ordinal)));
    }

    [Fact]
    public void Keeps_the_first_of_a_repeated_field_as_the_full_parser_does()
    {
        var body = RecordedReplies.Canonical.Replace("<Demand>0x0003b0</Demand>",
            "<Demand>0x0003b0</Demand><demand>0x0001</demand>", StringComparison.Ordinal);

        Assert.Equal(944UL, Plain(body)!.Demand);
        Assert.Equal(RelayReplyParser.ParseInstantaneousDemand(body).Reading, Plain(body));
    }

    [Fact]
    public void Reads_the_largest_values_and_leading_zeros()
    {
        var body = RecordedReplies.Canonical
            .Replace("0xd8d5b90000002aeb", "0xFFFFFFFFFFFFFFFF", StringComparison.Ordinal)
            .Replace("0x0003b0", "0x00000000000000000000ffffff1f", StringComparison.Ordinal);

        var plain = Plain(body);

        Assert.Equal(ulong.MaxValue, plain!.DeviceMacId);
        Assert.Equal(0xffffff1fUL, plain.Demand);
        Assert.Equal(RelayReplyParser.ParseInstantaneousDemand(body).Reading, plain);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("ibm037")]
    public void Leaves_replies_in_other_charsets_to_the_full_parser(string charset) =>
        Assert.Null(Plain(RecordedReplies.Canonical, charset));
}
