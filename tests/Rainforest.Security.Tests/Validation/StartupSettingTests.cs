using Rainforest.Security.Tests.Fixtures;

namespace Rainforest.Security.Tests.Validation;

/// <summary>A setting the silo cannot run with stops it at start, with a message that names the setting.</summary>
public sealed class StartupSettingTests
{
    [Fact]
    public async Task A_silo_given_an_unusable_setting_exits_at_start_naming_it()
    {
        using var root = new TestRoot("settings");
        await using var silo = SecuritySilo.Create(root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:00",
        });

        // An exit while starting fails the start at once (a timeout would be a TimeoutException), with the output.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.StartAsync(TimeSpan.FromMinutes(5)));

        Assert.True(silo.HasExited);
        Assert.Contains("Rainforest:Eagle:RequestTimeout", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_given_an_allowed_network_that_is_not_a_cidr_exits_at_start_naming_it()
    {
        using var root = new TestRoot("networks");
        await using var silo = SecuritySilo.Create(root.Path, "silo", new Dictionary<string, string>
        {
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "192.168.0.0/16",
            ["Rainforest:Sources:Local:AllowedNetworks:1"] = "everything",
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.StartAsync(TimeSpan.FromMinutes(5)));

        Assert.True(silo.HasExited);
        Assert.Contains("Rainforest:Sources:Local:AllowedNetworks:1", failure.Message, StringComparison.Ordinal);
    }
}
