using Rainforest.Domain.Users;

namespace Rainforest.Domain.Tests.Users;

/// <summary>A gateway URL is a scheme and an authority, nothing that could steer a request elsewhere.</summary>
public sealed class GatewayUrlTests
{
    [Theory]
    [InlineData("http://192.168.1.20", "http://192.168.1.20")]
    [InlineData("http://192.168.1.20/", "http://192.168.1.20")]
    [InlineData("HTTP://Eagle.Home.Arpa:8080/", "http://eagle.home.arpa:8080")]
    [InlineData("https://10.0.0.7:443", "https://10.0.0.7")]
    [InlineData("http://[fd00::20]", "http://[fd00::20]")]
    public void A_gateway_root_is_kept_in_one_spelling(string text, string canonical)
    {
        Assert.True(GatewayUrl.TryParse(text, out var root));
        Assert.Equal(canonical, GatewayUrl.Canonical(root));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("192.168.1.20")]
    [InlineData("ftp://192.168.1.20")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pw@192.168.1.20")]
    [InlineData("http://user@192.168.1.20")]
    [InlineData("http://192.168.1.20/cgi-bin/post_manager")]
    [InlineData("http://192.168.1.20/%2e%2e/")]
    [InlineData("http://192.168.1.20/?q=1")]
    [InlineData("http://192.168.1.20?")]
    [InlineData("http://192.168.1.20#top")]
    [InlineData("http://192.168.1.20\\@evil.example")]
    [InlineData("http://192.168.1.20 ")]
    [InlineData("http://192.168.1.20\r\nHost: x")]
    [InlineData("http:///path")]
    [InlineData("http://192.168.1.20:99999")]
    public void Anything_more_than_a_scheme_and_an_authority_is_refused(string? text) =>
        Assert.False(GatewayUrl.TryParse(text, out _));

    [Theory]
    [InlineData("0011223344556677", true)]
    [InlineData("AABBCCDDEEFF0011", true)]
    [InlineData("00112233445566", false)]
    [InlineData("001122334455667788", false)]
    [InlineData("001122334455667g", false)]
    [InlineData(null, false)]
    public void An_install_code_is_sixteen_hex_digits(string? code, bool valid) => Assert.Equal(valid, InstallCode.IsValid(code));
}
