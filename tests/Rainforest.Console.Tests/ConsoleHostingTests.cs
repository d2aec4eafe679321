using System.Net;
using Microsoft.Playwright;
using Rainforest.Testing;
using static Microsoft.Playwright.Assertions;

namespace Rainforest.Console.Tests;

/// <summary>Both hosts serve the console's files to anyone, and still guard every API route with the key.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleHostingTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task The_console_is_served_without_a_key_and_the_api_still_needs_one(string host)
    {
        using var anonymous = host == "silo" ? fixture.Silo.CreateClient(apiKey: null) : fixture.Gateway.CreateClient(apiKey: null);

        var index = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single());
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/console.js\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        Assert.Equal("text/javascript", (await anonymous.GetAsync("/console.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", (await anonymous.GetAsync("/console.css")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/users?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/archive")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_on_the_standalone_gateway_shows_the_clusters_users()
    {
        var page = await fixture.OpenConsoleAsync(at: fixture.Gateway.BaseAddress);

        await page.GetByLabel("API key").FillAsync(SiloProcess.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("#counts [data-state=\"\"]")).ToContainTextAsync(
            (ConsoleFixture.GoodUsers.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator($"#users tr[data-cloud-id='{ConsoleFixture.RejectedUser}']")).ToBeVisibleAsync();
    }
}
