using System.Text.Json.Nodes;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Recording;

namespace Rainforest.Cli.Tests;

/// <summary><c>users import</c> and <c>users export</c> with users whose readings come from a gateway's local API.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class LocalImportTests(CliSystem system)
{
    [Fact]
    public async Task Local_gateways_import_export_without_install_codes_and_read_back_unchanged()
    {
        const string first = "10c001", second = "10c002", noCode = "10c003", badCode = "10c004";
        var gateway = system.Simulator.BaseUrl.ToString();
        var directory = system.NewDirectory();
        var file = Path.Combine(directory, "local.jl");
        const string secretLooking = "feedfacefeedface0";
        await File.WriteAllLinesAsync(file,
        [
            Line(first, gateway, SimulatedAccount.DefaultInstallCode(first), "owner@example.com"),
            Line(second, gateway, SimulatedAccount.DefaultInstallCode(second)),
            $$"""{"cloud_id": "{{noCode}}", "source": "local", "gateway_url": "{{gateway}}"}""",
            Line(badCode, gateway, secretLooking),
        ]);

        var run = await system.RunAsync("users", "import", file, "--json");

        run.AssertExit(ExitCodes.LinesRejected);
        Assert.Equal(2, run.Json.GetProperty("created").GetInt32());
        Assert.Equal(2, run.Json.GetProperty("rejected").GetInt32());
        Assert.Contains("install_code is missing", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secretLooking, run.Out + run.Error, StringComparison.Ordinal);
        await Eventually.Until(() => new[] { first, second }.All(id => system.Simulator.RequestsFor(id).Any(r => r.Outcome == SimulatedOutcome.Reading)),
            TimeSpan.FromSeconds(60), "both local gateways polled");

        var exported = Path.Combine(directory, "export.jl");
        (await system.RunAsync("users", "export", "--output", exported)).AssertExit(ExitCodes.Ok);
        var text = await File.ReadAllTextAsync(exported);
        Assert.DoesNotContain("install_code", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatedAccount.DefaultInstallCode(first), text, StringComparison.Ordinal);
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var ours = records.Where(r => ((string)r["cloud_id"]!).StartsWith("10c00", StringComparison.Ordinal)).ToList();
        Assert.Equal([first, second], ours.Select(r => (string)r["cloud_id"]!));
        Assert.All(ours, r => Assert.Equal("local", (string)r["source"]!));
        Assert.All(ours, r => Assert.Equal(gateway.TrimEnd('/'), (string)r["gateway_url"]!));
        Assert.Equal("owner@example.com", (string)ours[0]["user_email"]!);
        Assert.All(records.Where(r => !ours.Contains(r)), r => Assert.Equal("relay", (string)r["source"]!));

        // The export is the import format without secrets: put the install codes back and the server already agrees.
        var roundTrip = Path.Combine(directory, "round-trip.jl");
        await File.WriteAllLinesAsync(roundTrip, ours.Select(r =>
        {
            r["install_code"] = SimulatedAccount.DefaultInstallCode((string)r["cloud_id"]!);
            return r.ToJsonString();
        }));
        var reimport = await system.RunAsync("users", "import", roundTrip, "--json");
        reimport.AssertExit(ExitCodes.Ok);
        Assert.Equal(2, reimport.Json.GetProperty("unchanged").GetInt32());

        var show = await system.RunAsync("users", "show", first);
        show.AssertExit(ExitCodes.Ok);
        Assert.Contains("local", show.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(SimulatedAccount.DefaultInstallCode(first), show.Out, StringComparison.Ordinal);
    }

    private static string Line(string id, string gateway, string code, string? email = null) =>
        new JsonObject
        {
            ["cloud_id"] = id, ["source"] = "local", ["gateway_url"] = gateway, ["install_code"] = code,
            ["user_email"] = email,
        }.ToJsonString();
}
