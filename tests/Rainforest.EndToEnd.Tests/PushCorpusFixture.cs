using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>
/// One silo (no Redis) whose upload rate limit is out of the way, so a corpus of uploads reaches the parser, with
/// summation and price capture on, so their fragments are read too.
/// </summary>
public sealed class PushCorpusFixture : IAsyncLifetime
{
    public SystemUnderTest System { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await SystemUnderTest.StartAsync(withRedis: false);
        Silo = System.AddSilo(new Dictionary<string, string>
        {
            ["Rainforest:Sources:Push:UploadBurst"] = "100000",
            ["Rainforest:Sources:Push:UploadsPerSecond"] = "100000",
            ["Rainforest:Capture:Summation"] = "true",
            ["Rainforest:Capture:Price"] = "true",
        }, withRedis: false);
        await Silo.StartAsync();
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}
