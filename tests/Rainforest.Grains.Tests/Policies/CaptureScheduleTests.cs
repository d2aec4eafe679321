using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rainforest.Domain.HourFiles;
using Rainforest.Grains.Capture;
using Rainforest.Grains.Hosting;

namespace Rainforest.Grains.Tests.Policies;

public sealed class CaptureScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_due_with_capture_off_which_is_the_default()
    {
        var options = Resolve([]).Value;
        Assert.False(options.Any);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Every);
        Assert.Empty(new CaptureSchedule(options).Due(T0));
    }

    [Fact]
    public void Each_enabled_kind_is_due_at_once_then_every_period_after_it_was_asked_whatever_the_answer()
    {
        var schedule = new CaptureSchedule(new CaptureOptions { Summation = true, Price = true, Every = TimeSpan.FromMinutes(1) });
        Assert.Equal([RecordKind.Summation, RecordKind.Price], schedule.Due(T0));

        schedule.Asked(RecordKind.Summation, T0);
        // Price did not fit in the slot: it stays due, and goes first next time.
        Assert.Equal([RecordKind.Price], schedule.Due(T0.AddSeconds(6)));
        schedule.Asked(RecordKind.Price, T0.AddSeconds(6));

        Assert.Empty(schedule.Due(T0.AddSeconds(59)));
        Assert.Equal([RecordKind.Summation], schedule.Due(T0.AddSeconds(60)));
        Assert.Equal([RecordKind.Summation, RecordKind.Price], schedule.Due(T0.AddSeconds(66)));
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("00:00:00")]
    public void An_every_shorter_than_the_poll_period_stops_the_silo_at_start(string every)
    {
        var options = Resolve(new() { ["Rainforest:Capture:Price"] = "true", ["Rainforest:Capture:Every"] = every });
        var error = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains("Every", error.Message);
    }

    private static IOptions<CaptureOptions> Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRainforestPolling(configuration)
            .BuildServiceProvider().GetRequiredService<IOptions<CaptureOptions>>();
    }
}
