using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rainforest.Grains.Hosting;
using Rainforest.Grains.Polling;

namespace Rainforest.Grains.Tests;

public sealed class PollingTimingValidatorTests
{
    [Theory]
    [InlineData("00:00:06", "00:00:06")]
    [InlineData("00:00:45", "00:01:00")]
    public void A_request_timeout_that_reaches_the_period_or_the_hour_grace_stops_the_silo_at_start(string timeout, string period)
    {
        var options = Resolve(timeout, period);
        var error = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains("Rainforest:Eagle:RequestTimeout", error.Message);
    }

    [Fact]
    public void The_defaults_are_accepted()
    {
        var options = Resolve(null, null);
        Assert.Equal(TimeSpan.FromSeconds(6), options.Value.Period);
    }

    private static IOptions<PollingOptions> Resolve(string? timeout, string? period)
    {
        var settings = new Dictionary<string, string?>();
        if (timeout is not null) settings["Rainforest:Eagle:RequestTimeout"] = timeout;
        if (period is not null) settings["Rainforest:Polling:Period"] = period;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRainforestPolling(configuration)
            .BuildServiceProvider().GetRequiredService<IOptions<PollingOptions>>();
    }
}
