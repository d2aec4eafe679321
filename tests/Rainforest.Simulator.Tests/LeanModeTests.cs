using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;

namespace Rainforest.Simulator.Tests;

/// <summary>Lean mode answers a benchmark's fleet from one rendering per account and slot, and changes no reply.</summary>
public sealed class LeanModeTests
{
    private const string CloudId = "0c1d2e";

    [Fact]
    public async Task A_slot_is_rendered_once_with_the_bytes_a_normal_simulator_answers_and_the_next_slot_renders_anew()
    {
        var clock = Relay.Clock();
        await using var normal = await StartAsync(clock, lean: false);
        await using var lean = await StartAsync(clock, lean: true);
        using var client = new HttpClient();

        var first = await ReplyAsync(client, lean);
        Assert.Equal(await ReplyAsync(client, normal), first);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(first, await ReplyAsync(client, lean));
        Assert.NotEqual(first, await ReplyAsync(client, normal));

        clock.Advance(TimeSpan.FromSeconds(1));
        var next = await ReplyAsync(client, lean);
        Assert.NotEqual(first, next);
        Assert.Equal(Relay.EagleSeconds(clock.GetUtcNow()), Relay.Hex32(XDocument.Parse(Encoding.UTF8.GetString(next.Body)), "TimeStamp"));
        Assert.Equal(3, lean.Stats.Requests);
        // The request log is kept, so a benchmark can still tell how late each poll came.
        Assert.Equal(3, lean.RequestsFor(CloudId).Count);
    }

    [Theory]
    [InlineData(SimulatedFault.WrongCredentials)]
    [InlineData(SimulatedFault.Unavailable)]
    [InlineData(SimulatedFault.Flaky)]
    [InlineData(SimulatedFault.Truncated)]
    [InlineData(SimulatedFault.Garbage)]
    [InlineData(SimulatedFault.MissingFields)]
    [InlineData(SimulatedFault.Export)]
    [InlineData(SimulatedFault.Repeat)]
    [InlineData(SimulatedFault.Backwards)]
    public async Task An_account_with_a_fault_gets_the_same_replies_as_without_lean_mode(SimulatedFault fault)
    {
        var clock = Relay.Clock();
        await using var normal = await StartAsync(clock, lean: false, fault);
        await using var lean = await StartAsync(clock, lean: true, fault);
        using var client = new HttpClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(await ReplyAsync(client, normal), await ReplyAsync(client, lean));
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task A_slow_account_is_still_slow()
    {
        await using var lean = await GatewaySimulator.StartAsync(new SimulatorOptions { Lean = true });
        lean.Accounts.Add(CloudId, SimulatedFault.Slow, TimeSpan.FromMilliseconds(300));
        using var client = new HttpClient();

        var started = TimeProvider.System.GetTimestamp();
        await ReplyAsync(client, lean);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(300));
    }

    private static async Task<GatewaySimulator> StartAsync(FakeTimeProvider clock, bool lean, SimulatedFault fault = SimulatedFault.None)
    {
        var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions { TimeProvider = clock, Lean = lean });
        simulator.Accounts.Add(CloudId, fault);
        return simulator;
    }

    private static async Task<Reply> ReplyAsync(HttpClient client, GatewaySimulator simulator)
    {
        using var response = await Relay.PostAsync(client, simulator, CloudId,
            SimulatedAccount.DefaultUser(CloudId), SimulatedAccount.DefaultPassword(CloudId));
        return new Reply(response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private sealed record Reply(HttpStatusCode Status, byte[] Body)
    {
        public bool Equals(Reply? other) => other is not null && Status == other.Status && Body.AsSpan().SequenceEqual(other.Body);

        public override int GetHashCode() => HashCode.Combine(Status, Body.Length);

        public override string ToString() => $"{(int)Status} {Encoding.UTF8.GetString(Body)}";
    }
}
