using System.Text.Json.Nodes;

namespace Rainforest.Cli.Tests;

/// <summary><c>users import</c> and <c>users export</c> with users whose gateways push their readings.</summary>
[Collection(CliSystemCollection.Name)]
public sealed class PushImportTests(CliSystem system)
{
    [Fact]
    public async Task Push_users_import_and_export_as_their_source_alone_and_read_back_unchanged()
    {
        const string first = "10d001", second = "10d002";
        var directory = system.NewDirectory();
        var file = Path.Combine(directory, "push.jl");
        await File.WriteAllLinesAsync(file,
        [
            $$"""{"cloud_id": "{{first}}", "source": "push", "user_email": "owner@example.com"}""",
            $$"""{"cloud_id": "{{second}}", "source": "push"}""",
        ]);
        try
        {
            var run = await system.RunAsync("users", "import", file, "--json");
            run.AssertExit(ExitCodes.Ok);
            Assert.Equal(2, run.Json.GetProperty("created").GetInt32());
            Assert.DoesNotContain("/api/uploader/", run.Out + run.Error, StringComparison.Ordinal);

            var exported = Path.Combine(directory, "export.jl");
            (await system.RunAsync("users", "export", "--output", exported)).AssertExit(ExitCodes.Ok);
            var text = await File.ReadAllTextAsync(exported);
            Assert.DoesNotContain("uploader", text, StringComparison.Ordinal);
            var ours = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
                .Where(r => ((string)r["cloud_id"]!).StartsWith("10d00", StringComparison.Ordinal)).ToList();
            Assert.Equal([first, second], ours.Select(r => (string)r["cloud_id"]!));
            Assert.All(ours, r => Assert.Equal("push", (string)r["source"]!));
            Assert.Equal("owner@example.com", (string)ours[0]["user_email"]!);

            // The export imports as it is: the same push users, their upload URLs untouched.
            var roundTrip = Path.Combine(directory, "round-trip.jl");
            await File.WriteAllLinesAsync(roundTrip, ours.Select(r => r.ToJsonString()));
            var reimport = await system.RunAsync("users", "import", roundTrip, "--json");
            reimport.AssertExit(ExitCodes.Ok);
            Assert.Equal(2, reimport.Json.GetProperty("unchanged").GetInt32());
        }
        finally
        {
            // The other import tests expect only their own kinds of users in an export.
            foreach (var id in new[] { first, second }) await system.RunAsync("users", "delete", id);
        }
    }
}
