using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rainforest.Testing;
using static Microsoft.Playwright.Assertions;

namespace Rainforest.Console.Tests;

/// <summary>Every page of the console passes axe's checks (labels, names, contrast, landmarks) and works from the keyboard.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Sign_in_fleet_user_and_archive_pages_have_no_accessibility_violations()
    {
        var page = await fixture.OpenConsoleAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "sign-in");

        page = await fixture.SignedInAsync();
        await Expect(page.Locator("#users tbody tr").First).ToContainTextAsync(ConsoleFixture.GoodUsers[0]);
        await AssertAccessibleAsync(page, "fleet");

        await page.GotoAsync($"/#/users/{ConsoleFixture.HistoricUser}");
        await Expect(page.Locator("#chart-caption")).ToContainTextAsync("Last hour");
        await AssertAccessibleAsync(page, "user");

        await page.GotoAsync("/#/archive");
        await Expect(page.Locator("#archive-summary")).ToContainTextAsync("hour file");
        await AssertAccessibleAsync(page, "archive");
    }

    [Fact]
    public async Task Signing_in_and_opening_a_user_work_from_the_keyboard_alone()
    {
        var page = await fixture.OpenConsoleAsync();

        // The key field has the focus when the page opens; Enter submits.
        await page.Keyboard.TypeAsync(SiloProcess.ApiKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet" })).ToBeVisibleAsync();

        var link = page.GetByRole(AriaRole.Link, new() { Name = ConsoleFixture.GoodUsers[0] });
        await Expect(link).ToBeVisibleAsync();
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"User {ConsoleFixture.GoodUsers[0]}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_fleets_refresh_leaves_the_keyboard_focus_where_it_was()
    {
        var page = await fixture.SignedInAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = ConsoleFixture.GoodUsers[1] });
        await link.FocusAsync();
        var caption = await page.Locator("#users-caption").TextContentAsync();

        // The caption names the time of each refresh: once it changes, the table has been drawn anew.
        await Expect(page.Locator("#users-caption")).Not.ToHaveTextAsync(caption!, new() { Timeout = 30_000 });
        await Expect(link).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).Not.ToContainTextAsync("updated");
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
        Assert.True(result.Violations.Length == 0, $"The {name} page: " + string.Join("\n", violations));
    }
}
