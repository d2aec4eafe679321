using Rainforest.Contracts;
using Rainforest.Domain.Readings;
using Rainforest.Grains.Polling;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;
using Rainforest.Testing;

namespace Rainforest.Grains.Tests;

/// <summary>Users whose readings come from a gateway's local API (EAGLE-200 / EAGLE-3) on the same loop as relay users.</summary>
public sealed class LocalSourceTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_local_user_is_polled_every_six_seconds_into_the_hour_file_as_relay_records()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e001";
        await env.RegisterLocalAsync(id);

        var slots = await PollEverySlotAsync(env, id, 4);

        await Eventually.Until(() => env.Lines(id, PollingCluster.Start).Length == 4, Wait, "four lines");
        var readings = env.Lines(id, PollingCluster.Start).Select(Decode).ToList();
        // The gateway's LastContact (Unix) is the record's TimeStamp (from 2000): the slot the reading was taken at.
        Assert.Equal(slots.Select(WholeSeconds), readings.Select(r => r.Time));
        Assert.All(readings, r => Assert.InRange(r.Kilowatts, 0.2, 6.5));
        Assert.All(readings, r => Assert.Equal(1000UL, r.Divisor));
        Assert.Single(readings.Select(r => r.MeterMacId).Distinct());
        Assert.NotEqual(0UL, readings[0].DeviceMacId);
        // The meter is listed once and then remembered; every slot is one device_query.
        Assert.Equal([SimulatedOutcome.DeviceList, .. Enumerable.Repeat(SimulatedOutcome.Reading, 4)],
            env.Simulator.RequestsFor(id).Select(r => r.Outcome));

        var user = await env.UserAsync(id);
        Assert.Equal(ReadingSource.Local, user.Source);
        Assert.Equal(env.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority), user.GatewayUrl);
        Assert.Equal(4, user.TotalEventsLogged);
        Assert.Equal(PollingState.Polling, user.Status.State);
    }

    [Fact]
    public async Task A_wrapped_negative_is_logged_as_the_negative_demand_it_means()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e002";
        await env.RegisterLocalAsync(id, SimulatedFault.WrappedNegative);

        await PollEverySlotAsync(env, id, 2);

        await Eventually.Until(() => env.Lines(id, PollingCluster.Start).Length == 2, Wait, "two lines");
        Assert.All(env.Lines(id, PollingCluster.Start).Select(Decode), r => Assert.InRange(r.Kilowatts, -3.8, -0.2));
    }

    [Fact]
    public async Task Empty_values_are_a_failed_poll_and_nothing_is_logged()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e003";
        await env.RegisterLocalAsync(id, SimulatedFault.NotDelivering);

        var slots = await PollEverySlotAsync(env, id, 3);

        Assert.False(File.Exists(env.HourFile(id, PollingCluster.Start)));
        var user = await env.UserAsync(id);
        Assert.Equal(0, user.TotalEventsLogged);
        Assert.Equal(PollingState.Failing, user.Status.State);
        Assert.Equal(PollErrorKind.MeterNotDelivering, user.Status.LastErrorKind);
        Assert.Equal(3, user.Status.ConsecutiveFailures);
        // The gateway answered: asked again on the next slot, not backed off.
        Assert.Equal(slots, env.RequestTimes(id).Distinct());
    }

    [Fact]
    public async Task A_wrong_install_code_is_rejected_credentials_retried_slowly()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00e004";
        await env.RegisterLocalAsync(id, installCode: "0123456789abcdef");

        var slot = new PollSchedule(id, Period).NextSlotAfter(env.Clock.GetUtcNow());
        await env.AdvanceToAsync(slot);
        await Eventually.Until(async () => (await env.UserAsync(id)).Status.State == PollingState.CredentialsRejected, Wait, "credentials rejected");

        var user = await env.UserAsync(id);
        Assert.Equal(PollErrorKind.CredentialsRejected, user.Status.LastErrorKind);
        Assert.Contains("401", user.Status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", user.Status.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.True(user.Status.NextPollAt >= slot + TimeSpan.FromMinutes(5), $"next poll {user.Status.NextPollAt:O}");
        Assert.Equal(SimulatedOutcome.AuthFailed, Assert.Single(env.Simulator.RequestsFor(id)).Outcome);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://localhost")]
    public async Task A_gateway_outside_the_allowed_networks_is_refused_at_registration_and_nothing_is_stored(string url)
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "192.168.0.0/16",
        });
        const string id = "00e005";

        var refused = await Assert.ThrowsAsync<GatewayAddressRefusedException>(() =>
            env.Grains.GetGrain<IUserGrain>(id).RegisterAsync(UserRegistration.Local(url, SimulatedAccount.DefaultInstallCode(id))));

        Assert.Contains("AllowedNetworks", refused.Message, StringComparison.Ordinal);
        Assert.Null(await env.Grains.GetGrain<IUserGrain>(id).GetAsync());
        Assert.Empty(await env.Grains.ListAllUsersAsync());
    }

    [Fact]
    public async Task A_relay_user_refused_a_local_gateway_stays_a_relay_user_and_keeps_polling()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "192.168.0.0/16",
        });
        const string id = "00e006";
        await env.RegisterAsync(id);
        await PollEverySlotAsync(env, id, 2);

        await Assert.ThrowsAsync<GatewayAddressRefusedException>(() =>
            env.Grains.GetGrain<IUserGrain>(id).RegisterAsync(UserRegistration.Local("http://169.254.169.254", SimulatedAccount.DefaultInstallCode(id))));
        await PollEverySlotAsync(env, id, 1);

        var user = await env.UserAsync(id);
        Assert.Equal(ReadingSource.Relay, user.Source);
        Assert.Null(user.GatewayUrl);
        Assert.Equal(3, user.TotalEventsLogged);
        Assert.Equal(PollingState.Polling, user.Status.State);
    }

    [Fact]
    public async Task Relay_and_local_users_poll_side_by_side_and_a_relay_user_can_move_to_its_local_gateway()
    {
        await using var env = await PollingCluster.StartAsync();
        const string relay = "00e007", local = "00e008";
        await env.RegisterAsync(relay);
        await env.RegisterLocalAsync(local);

        await PollEverySlotAsync(env, relay, 2);
        await PollEverySlotAsync(env, local, 2);
        var relayUser = await env.UserAsync(relay);
        Assert.Equal(ReadingSource.Relay, relayUser.Source);
        Assert.True(relayUser.TotalEventsLogged >= 2, $"{relayUser.TotalEventsLogged} logged");
        Assert.Contains(await env.Grains.ListAllUsersAsync(), u => u.CloudId == local && u.Source == ReadingSource.Local);

        // The same household moves to its own gateway's local API: counters carry on, the source changes.
        var result = await env.Grains.GetGrain<IUserGrain>(relay).RegisterAsync(
            UserRegistration.Local(env.Simulator.BaseUrl.ToString(), SimulatedAccount.DefaultInstallCode(relay)));
        Assert.Equal(RegistrationResult.Updated, result);
        await PollEverySlotAsync(env, relay, 1);
        var moved = await env.UserAsync(relay);
        Assert.Equal(ReadingSource.Local, moved.Source);
        Assert.Equal(relayUser.TotalEventsLogged + 1, moved.TotalEventsLogged);
        Assert.Equal(SimulatedOutcome.Reading, env.Simulator.RequestsFor(relay)[^1].Outcome);
        Assert.Equal(RegistrationResult.Unchanged, await env.Grains.GetGrain<IUserGrain>(relay).RegisterAsync(
            UserRegistration.Local(env.Simulator.BaseUrl.ToString(), SimulatedAccount.DefaultInstallCode(relay))));
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    private static DemandReading Decode(string line)
    {
        Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var reading), line);
        return reading;
    }

    private static async Task<List<DateTimeOffset>> PollEverySlotAsync(PollingCluster env, string id, int count)
    {
        var schedule = new PollSchedule(id, Period);
        var slot = schedule.NextSlotAfter(env.Clock.GetUtcNow());
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            slots.Add(slot);
            await env.PollAtAsync(id, slot);
            slot += Period;
        }
        return slots;
    }
}
