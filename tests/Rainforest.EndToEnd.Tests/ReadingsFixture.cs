using Rainforest.Testing;

namespace Rainforest.EndToEnd.Tests;

/// <summary>One silo (no Redis) shipping to a real S3 server, for the readings routes.</summary>
public sealed class ReadingsFixture : IAsyncLifetime
{
    private SystemUnderTest _system = null!;

    public S3Server S3 { get; } = new();
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await S3.InitializeAsync();
        _system = await SystemUnderTest.StartAsync(withRedis: false);
        var directory = Path.Combine(_system.Root, "readings-silo");
        Directory.CreateDirectory(directory);
        Silo = new SiloProcess(directory,
            new Dictionary<string, string>
            {
                ["Rainforest:Eagle:CloudUrl"] = _system.Simulator.RelayUrl.ToString(),
                ["Rainforest:Eagle:RequestTimeout"] = "00:00:04",
                ["Rainforest:Archive:Bucket"] = S3.Bucket,
                ["Rainforest:Archive:ServiceUrl"] = S3.ServiceUrl,
                ["Rainforest:Archive:RequestTimeout"] = "00:00:03",
            },
            environment: new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey,
            });
        await Silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _system.DisposeAsync();
        await S3.DisposeAsync();
    }
}
