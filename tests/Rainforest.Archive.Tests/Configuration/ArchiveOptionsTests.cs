using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Rainforest.Archive.Configuration;
using Rainforest.Archive.Hosting;

namespace Rainforest.Archive.Tests.Configuration;

public sealed class ArchiveOptionsTests
{
    private sealed class SiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;
        public IConfiguration Configuration { get; } = configuration;
    }

    private static ArchiveOptions Bind(Dictionary<string, string?> values) => BindBoth(values).Archive;

    private static (ArchiveOptions Archive, LogsOptions Logs) BindBoth(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        new SiloBuilder(services, configuration).AddRainforestArchive(configuration);
        using var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IOptions<ArchiveOptions>>().Value, provider.GetRequiredService<IOptions<LogsOptions>>().Value);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var (options, logs) = BindBoth([]);
        Assert.Equal("data/logs", logs.Directory);
        Assert.Null(options.Bucket);
        Assert.Equal("rainforest-logs", options.Prefix);
        Assert.Equal("data/archive", options.Directory);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ShipDelay);
    }

    [Fact]
    public void The_design_keys_are_bound()
    {
        var (options, logs) = BindBoth(new()
        {
            ["Rainforest:Logs:Directory"] = "/var/rainforest/logs",
            ["Rainforest:Archive:Bucket"] = "my-bucket",
            ["Rainforest:Archive:ServiceUrl"] = "http://127.0.0.1:9000",
            ["Rainforest:Archive:Prefix"] = "a/b",
            ["Rainforest:Archive:ShipDelay"] = "00:01:00",
        });
        Assert.Equal(("/var/rainforest/logs", "my-bucket", "http://127.0.0.1:9000", "a/b", TimeSpan.FromMinutes(1)),
            (logs.Directory, options.Bucket, options.ServiceUrl, options.Prefix, options.ShipDelay));
    }

    [Fact]
    public void An_empty_bucket_means_the_folder_archive()
    {
        Assert.False(Bind(new() { ["Rainforest:Archive:Bucket"] = " " }).UsesBucket);
    }

    [Theory]
    [InlineData("Rainforest:Archive:ShipDelay", "00:00:10")] // the user grain may still be writing
    [InlineData("Rainforest:Archive:Bucket", "Not_A_Bucket")]
    [InlineData("Rainforest:Archive:ServiceUrl", "127.0.0.1:9000")]
    [InlineData("Rainforest:Archive:Prefix", "a/../b")]
    [InlineData("Rainforest:Archive:Prefix", "/leading")]
    [InlineData("Rainforest:Archive:MaxParallelShipments", "0")]
    public void A_bad_setting_stops_the_silo_at_start(string key, string value)
    {
        var values = new Dictionary<string, string?> { [key] = value };
        if (key.EndsWith("ServiceUrl", StringComparison.Ordinal)) values["Rainforest:Archive:Bucket"] = "my-bucket";
        var exception = Assert.Throws<OptionsValidationException>(() => Bind(values));
        Assert.Contains(key.Split(':')[^1], string.Join(" ", exception.Failures), StringComparison.Ordinal);
    }
}
