using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Rainforest.Domain.HourFiles;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

namespace Rainforest.Console.Tests;

/// <summary>
/// The system the console runs against, shared by every test: a real redis-server, the gateway simulator, one silo
/// polling a few simulated users (one of them with a wrong password), the standalone gateway, and the machine's
/// chromium driven by Playwright (headless; no browser is downloaded).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Users whose gateways answer.</summary>
    public static readonly string[] GoodUsers = ["1a2b3c", "1a2b4d", "2c0ffe", "3d00d5", "4e5f60"];

    /// <summary>A user registered with a password the relay refuses.</summary>
    public const string RejectedUser = "5bad01";

    private readonly RedisServer _redis = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rainforest-console-" + Guid.NewGuid().ToString("n"));
    private GatewaySimulator _simulator = null!;
    private IPlaywright _playwright = null!;

    public SiloProcess Silo { get; private set; } = null!;
    public GatewayProcess Gateway { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// A user with history: its two hours before the fixture started are in the archive, and the current hour so
    /// far is in the silo's hour file, as a silo restarted mid-hour finds it.
    /// </summary>
    public static string HistoricUser => GoodUsers[3];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        LogEarlierReadings(HistoricUser, archivedHours: 2);
        await _redis.InitializeAsync();
        _simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { AutoAccounts = true });
        var cluster = new Dictionary<string, string>
        {
            ["Orleans:ClusterId"] = "console",
            ["Orleans:ServiceId"] = "console",
        };
        Silo = new SiloProcess(_root, new Dictionary<string, string>(cluster)
        {
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["Rainforest:Eagle:CloudUrl"] = _simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
            // Users report their counters to the directory when they persist them: here after every reading,
            // so the fleet's counters and last readings move while a test watches.
            ["Rainforest:Polling:PersistEveryReadings"] = "1",
        });
        Gateway = new GatewayProcess(_redis.ConnectionString, cluster);
        var browser = StartBrowserAsync();
        await Silo.StartAsync();
        await Task.WhenAll(Gateway.StartAsync(), RegisterUsersAsync(), browser);
        Browser = await browser;
    }

    private void LogEarlierReadings(string cloudId, int archivedHours)
    {
        var now = DateTimeOffset.UtcNow;
        var thisHour = HourStamp.StartOfHour(now);
        for (var h = archivedHours; h >= 1; h--)
        {
            var hour = thisHour.AddHours(-h);
            var path = Path.Combine(_root, "archive", HourFileLayout.ObjectKey("rainforest-logs", cloudId, hour));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            WriteReadings(gzip, hour, hour.AddHours(1));
        }
        // Up to a little before now, so the simulator's next reading is newer than any of these.
        if (now.AddSeconds(-12) <= thisHour) return;
        var local = HourFileLayout.LocalPath(Path.Combine(_root, "logs"), cloudId, thisHour);
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        using var file = File.Create(local);
        WriteReadings(file, thisHour, now.AddSeconds(-12));
    }

    private static void WriteReadings(Stream stream, DateTimeOffset from, DateTimeOffset to)
    {
        var epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(stream);
        for (var time = from; time < to; time = time.AddSeconds(6))
        {
            // A household's evening: a base load, a slow swell, a flicker and the fridge cycling every ten minutes.
            var t = time.ToUnixTimeSeconds();
            var watts = 600 + 250 * Math.Sin(t / 900.0) + 60 * Math.Sin(t / 47.0) + (t / 600 % 2 == 0 ? 150 : 0);
            writer.Write(DemandRecord.Write(0xd8d5b9_0000003d00UL, 0x000781_00000d5UL, (ulong)(time - epoch).TotalSeconds,
                (ulong)watts, 1, 1000, 3, 6, "Y"));
            writer.Write('\n');
        }
    }

    private async Task<IBrowser> StartBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    private async Task RegisterUsersAsync()
    {
        using var api = Silo.CreateClient();
        foreach (var id in GoodUsers)
        {
            await RegisterAsync(api, id, SimulatedAccount.DefaultUser(id), SimulatedAccount.DefaultPassword(id));
        }
        await RegisterAsync(api, RejectedUser, SimulatedAccount.DefaultUser(RejectedUser), "not-the-password");
    }

    private static async Task RegisterAsync(HttpClient api, string id, string email, string password)
    {
        var body = new StringContent(JsonSerializer.Serialize(new { user_email = email, user_pw = password }),
            System.Text.Encoding.UTF8, "application/json");
        var response = await api.PostAsync($"/api/users/{id}", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A fresh browser tab (its own sessionStorage and downloads) on the silo's console.</summary>
    public async Task<IPage> OpenConsoleAsync(Uri? at = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (at ?? Silo.BaseAddress).ToString(),
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    /// <summary>Opens the console and signs in with the silo's API key.</summary>
    public async Task<IPage> SignedInAsync()
    {
        var page = await OpenConsoleAsync();
        await page.GetByLabel("API key").FillAsync(SiloProcess.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet" })).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Gateway is not null) await Gateway.DisposeAsync();
        if (Silo is not null) await Silo.DisposeAsync();
        if (_simulator is not null) await _simulator.DisposeAsync();
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
