using Rainforest.Domain.Users;

namespace Rainforest.Security.Tests.Validation;

/// <summary>The one Cloud ID rule every edge uses: six hexadecimal digits, leading zeros kept, stored lower-case.</summary>
public sealed class CloudIdTests
{
    [Theory]
    [InlineData("002506", "002506")]
    [InlineData("00ABCD", "00abcd")]
    [InlineData("FfFfFf", "ffffff")]
    [InlineData("000000", "000000")]
    public void Six_hex_digits_parse_to_their_lower_case_spelling_with_leading_zeros_kept(string text, string canonical)
    {
        Assert.True(CloudId.TryParse(text, out var id));
        Assert.Equal(canonical, id.ToString());
        Assert.Equal(canonical, id.Value);
        Assert.Equal(id, CloudId.Parse(canonical));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00250")]
    [InlineData("0025067")]
    [InlineData("00250g")]
    [InlineData("0x2506")]
    [InlineData("-02506")]
    [InlineData(" 002506")]
    [InlineData("002506 ")]
    [InlineData("00 506")]
    [InlineData("\uff10\uff10\uff12\uff15\uff10\uff16")]
    [InlineData("../002")]
    public void Anything_else_is_not_a_cloud_id(string? text)
    {
        Assert.False(CloudId.IsValid(text));
        Assert.False(CloudId.TryParse(text, out var id));
        Assert.Equal(default, id);
        if (text is not null) Assert.Equal(CloudId.Rule, Assert.Throws<FormatException>(() => CloudId.Parse(text)).Message);
    }

    [Fact]
    public void Only_the_lower_case_spelling_is_canonical()
    {
        Assert.True(CloudId.IsCanonical("00abcd"));
        Assert.False(CloudId.IsCanonical("00ABCD"));
        Assert.False(CloudId.IsCanonical("00abc"));
        Assert.False(CloudId.IsCanonical(null));
    }

    [Fact]
    public void Two_spellings_of_one_id_are_equal_and_leading_zeros_tell_ids_apart()
    {
        Assert.Equal(CloudId.Parse("00ABCD"), CloudId.Parse("00abcd"));
        Assert.NotEqual(CloudId.Parse("000abc"), CloudId.Parse("abc000"));
    }

    [Fact]
    public void It_binds_wherever_the_framework_parses_through_IParsable()
    {
        Assert.Equal("c0ffee", ParseAs<CloudId>("C0FFEE").ToString());
        Assert.False(CloudId.TryParse("c0ffe", provider: null, out _));
    }

    private static T ParseAs<T>(string text) where T : IParsable<T> => T.Parse(text, provider: null);
}
