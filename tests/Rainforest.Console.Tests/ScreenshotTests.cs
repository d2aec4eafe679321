using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rainforest.Console.Tests;

/// <summary>
/// Pictures of the console for the README: the fleet and a user's page, once every user has been polled. Saved to
/// the directory named by <c>RAINFOREST_CONSOLE_SCREENSHOTS</c> (e.g. <c>docs</c>), else to the test's temp folder.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenshotTests(ConsoleFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions AfterFirstPolls = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_fleet_and_a_users_page_render_with_every_user_polled()
    {
        var wanted = Environment.GetEnvironmentVariable("RAINFOREST_CONSOLE_SCREENSHOTS");
        var keep = !string.IsNullOrEmpty(wanted);
        var directory = keep ? Path.GetFullPath(wanted!) : Directory.CreateTempSubdirectory("rainforest-console-shots").FullName;
        Directory.CreateDirectory(directory);
        var page = await fixture.SignedInAsync();

        await Expect(page.Locator("#counts [data-state=polling]")).ToContainTextAsync(ConsoleFixture.GoodUsers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), AfterFirstPolls);
        await Expect(page.Locator("#counts [data-state=credentials_rejected]")).ToContainTextAsync("1", AfterFirstPolls);
        await Expect(page.Locator($"#users tr[data-cloud-id='{ConsoleFixture.RejectedUser}']")).ToContainTextAsync("Credentials rejected");
        // No hover left over from signing in.
        await page.Mouse.MoveAsync(0, 0);
        var fleet = Path.Combine(directory, "console.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = fleet, FullPage = true });

        // The user with earlier readings, so the whole hour is drawn.
        await page.GotoAsync($"/#/users/{ConsoleFixture.HistoricUser}");
        await Expect(page.Locator("#chart-caption")).ToContainTextAsync("latest", AfterFirstPolls);
        await page.Mouse.MoveAsync(0, 0);
        var user = Path.Combine(directory, "console-user.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = user, FullPage = true });

        Assert.True(new FileInfo(fleet).Length > 10_000 && new FileInfo(user).Length > 10_000, "the screenshots are all but empty");
        if (!keep) Directory.Delete(directory, recursive: true);
    }
}
