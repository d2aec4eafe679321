using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rainforest.Domain.Readings;
using Rainforest.Testing;
using static Microsoft.Playwright.Assertions;

namespace Rainforest.Console.Tests;

/// <summary>What an operator does in the web console, in a real browser against a real silo.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    // Long enough for a user's first poll (every 6 s) and the page's next refresh to show it.
    private static readonly LocatorAssertionsToContainTextOptions Eventually = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_right_one_signs_in_for_this_tab_only()
    {
        var page = await fixture.OpenConsoleAsync();

        await page.GetByLabel("API key").FillAsync("not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet" })).ToBeHiddenAsync();

        await page.GetByLabel("API key").FillAsync(SiloProcess.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet" })).ToBeVisibleAsync();

        // The key is in this tab's sessionStorage, not in a cookie or the address.
        Assert.Empty(await page.Context.CookiesAsync());
        Assert.DoesNotContain(SiloProcess.ApiKey, page.Url);
        Assert.Equal(SiloProcess.ApiKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('rainforest.apiKey')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('rainforest.apiKey')"));
    }

    [Fact]
    public async Task A_user_is_found_by_search_and_a_failing_user_is_flagged_with_its_reason_and_history()
    {
        var page = await fixture.SignedInAsync();
        var rows = page.Locator("#users tbody tr");
        var target = ConsoleFixture.GoodUsers[2];

        await page.GetByLabel("Search Cloud ID or email").FillAsync(target);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(target);
        await Expect(rows.First).ToContainTextAsync("relay");

        // Cloud IDs are found whatever their case.
        await page.GetByLabel("Search Cloud ID or email").FillAsync(ConsoleFixture.RejectedUser.ToUpperInvariant());
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Credentials rejected", Eventually);
        await Expect(rows.First).ToHaveClassAsync(new Regex("attention"));
        await Expect(page.Locator("#counts [data-state=credentials_rejected]")).ToContainTextAsync("1");

        await page.GetByLabel("Search Cloud ID or email").FillAsync("");
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("failing");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(ConsoleFixture.RejectedUser);

        await page.GetByRole(AriaRole.Link, new() { Name = ConsoleFixture.RejectedUser }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"User {ConsoleFixture.RejectedUser}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#user-facts")).ToContainTextAsync("credentials rejected");
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("Credentials rejected");
    }

    [Fact]
    public async Task The_live_chart_grows_with_each_new_reading_and_the_shown_hour_downloads_as_csv()
    {
        var id = ConsoleFixture.GoodUsers[0];
        var page = await fixture.SignedInAsync();
        await page.GotoAsync($"/#/users/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"User {id}" })).ToBeVisibleAsync();

        var shown = await PointsAsync(page, after: 0);
        // The user is polled every six seconds and the page asks for what is new as often.
        await PointsAsync(page, after: shown);
        await Expect(page.Locator("#chart polyline.demand").First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-caption")).ToContainTextAsync("latest");

        // A reading logged now is in the download of the last hour.
        using var api = fixture.Silo.CreateClient();
        var reading = JsonDocument.Parse(await api.GetStringAsync($"/api/event/{id}")).RootElement;
        var timeStamp = reading.GetProperty("TimeStamp").GetUInt32();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(ReadingsCsv.Header, csv[0]);
        Assert.Contains(csv, line => line.Split(',')[4] == timeStamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(download.Url, SiloProcess.ApiKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_day_view_shows_the_days_readings_from_the_summary()
    {
        var id = ConsoleFixture.HistoricUser;
        var page = await fixture.SignedInAsync();
        await page.GotoAsync($"/#/users/{id}");
        await PointsAsync(page, after: 0);

        // The day of the archived hours (the day before, just after midnight).
        var day = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Day (UTC)").FillAsync(day);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show day" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show day" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#chart-caption")).ToContainTextAsync("5-minute means");
        await Expect(page.Locator("#chart polygon.band").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_archive_page_shows_each_silos_backlog_and_errors()
    {
        var page = await fixture.SignedInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Archive" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Archive" })).ToBeVisibleAsync();
        await Expect(page.Locator("#archive-summary")).ToContainTextAsync("hour file", Eventually);
        await Expect(page.Locator("#silos tbody tr").First).ToContainTextAsync("archive", Eventually);
    }

    /// <summary>Waits until the chart shows more than <paramref name="after"/> readings; returns how many.</summary>
    private static async Task<int> PointsAsync(IPage page, int after)
    {
        await page.WaitForFunctionAsync("n => Number(document.getElementById('chart').dataset.points) > n", after,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        return int.Parse((await page.Locator("#chart").GetAttributeAsync("data-points"))!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
