using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Rainforest.Eagle.Tests;

public sealed class EagleRelayRegistrationTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Services.AddEagleRelayClient(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Binds_options_from_the_rainforest_eagle_section()
    {
        var configuration = RelayClients.Configuration(new Uri("http://127.0.0.1:9/relay"), TimeSpan.FromMilliseconds(1500), verifyCertificate: false);
        await using var services = RelayClients.Services(configuration);

        var options = services.GetRequiredService<IOptions<EagleRelayOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:9/relay"), options.CloudUrl);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.RequestTimeout);
        Assert.False(options.VerifyCertificate);
    }

    [Fact]
    public async Task Verifies_certificates_and_uses_the_public_relay_by_default()
    {
        await using var services = RelayClients.Services(new ConfigurationBuilder().Build());

        var options = services.GetRequiredService<IOptions<EagleRelayOptions>>().Value;

        Assert.True(options.VerifyCertificate);
        Assert.Equal(new Uri("https://rainforestcloud.com:9445/cgi-bin/post_manager"), options.CloudUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RequestTimeout);
        Assert.NotNull(services.GetRequiredService<EagleRelayClient>());
    }

    [Fact]
    public async Task Warns_once_at_startup_when_certificate_verification_is_off()
    {
        using var host = BuildHost(new() { ["Rainforest:Eagle:VerifyCertificate"] = "false" });

        await host.StartAsync();
        await host.StopAsync();

        var warning = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), e => e.Level == LogLevel.Warning);
        Assert.StartsWith("TLS certificate verification is OFF for the relay https://rainforestcloud.com:9445/", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_warn_when_certificate_verification_is_left_on()
    {
        using var host = BuildHost(new() { ["Rainforest:Eagle:CloudUrl"] = "http://127.0.0.1:8080/cgi-bin/post_manager" });

        await host.StartAsync();
        await host.StopAsync();

        Assert.DoesNotContain(host.Services.GetFakeLogCollector().GetSnapshot(), e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("Rainforest:Eagle:RequestTimeout", "5", "RequestTimeout")]
    [InlineData("Rainforest:Eagle:RequestTimeout", "00:00:00", "RequestTimeout")]
    [InlineData("Rainforest:Eagle:CloudUrl", "ftp://relay.example/post_manager", "CloudUrl")]
    [InlineData("Rainforest:Eagle:MaxConnectionsPerServer", "0", "MaxConnectionsPerServer")]
    public async Task Refuses_to_start_with_an_unusable_relay_setting(string key, string value, string named)
    {
        using var host = BuildHost(new() { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Rainforest:Eagle:{named}", failure.Message, StringComparison.Ordinal);
    }
}
