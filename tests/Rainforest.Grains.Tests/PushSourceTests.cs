using System.Security.Cryptography;
using Rainforest.Contracts;
using Rainforest.Testing;

namespace Rainforest.Grains.Tests;

/// <summary>Push users on a fake clock: nothing polls them, their uploads are logged, and silence shows as failing.</summary>
public sealed class PushSourceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly byte[] Secret = SHA256.HashData("a push user's upload secret"u8);

    private static async Task RegisterPushAsync(PollingCluster env, string id) =>
        Assert.Equal(RegistrationResult.Created, await env.Grains.GetGrain<IUserGrain>(id).RegisterAsync(
            UserRegistration.Push(Convert.ToHexStringLower(Secret))));

    private static UploadEnvelope Envelope(DateTimeOffset at) => new(0x00158d0000000a1b,
        [new PushedDemand(0x00158d0000000a1b, 0x00135003007c0b2d, (ulong)(at - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds,
            0x4b0, 1, 1000, 3, 6, "Y")], []);

    [Fact]
    public async Task A_push_user_is_never_polled_and_its_upload_lands_in_the_hour_of_receipt()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d001";
        await RegisterPushAsync(env, id);

        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(30));
        var result = await env.Grains.GetGrain<IUserGrain>(id).UploadAsync(Secret, Envelope(PollingCluster.Start.AddSeconds(-3600)));

        Assert.Equal(new UploadResult(UploadStatus.Accepted, 1), result);
        Assert.Empty(env.RequestTimes(id));
        Assert.Single(env.Lines(id, PollingCluster.Start));
        var user = await env.UserAsync(id);
        Assert.Equal(ReadingSource.Push, user.Source);
        Assert.Null(user.Status.NextPollAt);
        Assert.Equal(1, user.TotalEventsLogged);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_user_grain_itself()
    {
        await using var env = await PollingCluster.StartAsync();
        const string id = "00d002";
        await RegisterPushAsync(env, id);

        var result = await env.Grains.GetGrain<IUserGrain>(id).UploadAsync(SHA256.HashData("another"u8), Envelope(PollingCluster.Start));

        Assert.Equal(UploadStatus.Unauthorized, result.Status);
        Assert.Empty(env.Lines(id, PollingCluster.Start));
    }

    [Fact]
    public async Task A_silent_push_user_shows_failing_once_silent_after_has_passed_and_recovers_with_the_next_reading()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?> { ["Rainforest:Sources:Push:SilentAfter"] = "00:02:00" });
        const string id = "00d003";
        await RegisterPushAsync(env, id);
        var user = env.Grains.GetGrain<IUserGrain>(id);

        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(110));
        Assert.Equal(PollingState.Polling, (await env.UserAsync(id)).Status.State);

        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(125));
        var silent = await Eventually.Until(() => env.UserAsync(id), u => u.Status.State == PollingState.Failing, Wait, "silent user failing");
        Assert.Equal(PollErrorKind.Silent, silent.Status.LastErrorKind);
        var failing = await env.Grains.QueryUsersAsync(new UserQuery(null, [PollingState.Failing]), 0, null);
        Assert.Contains(failing.Users, u => u.CloudId == id && u.LastErrorKind == PollErrorKind.Silent);

        await user.UploadAsync(Secret, Envelope(env.Clock.GetUtcNow()));
        Assert.Equal(PollingState.Polling, (await env.UserAsync(id)).Status.State);

        // Readings keep it polling; the watchdog does not mistake the last one for silence.
        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(200));
        await user.UploadAsync(Secret, Envelope(env.Clock.GetUtcNow()));
        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(300));
        Assert.Equal(PollingState.Polling, (await env.UserAsync(id)).Status.State);
        await env.AdvanceToAsync(PollingCluster.Start.AddSeconds(330));
        await Eventually.Until(() => env.UserAsync(id), u => u.Status.LastErrorKind == PollErrorKind.Silent && u.Status.State == PollingState.Failing, Wait, "silent again");
    }

    [Fact]
    public async Task With_only_summation_capture_on_pushed_summations_are_kept_once_prices_are_not_and_an_unreadable_one_is_warned_about_once()
    {
        await using var env = await PollingCluster.StartAsync(settings: new Dictionary<string, string?> { ["Rainforest:Capture:Summation"] = "true" });
        const string id = "00d0c1";
        await RegisterPushAsync(env, id);
        var at = env.Clock.GetUtcNow();
        var summation = "{\"TimeStamp\": \"0x1c531d6b\", \"SummationDelivered\": \"0x01321a5f\", \"SummationReceived\": \"0x0\", \"Multiplier\": \"0x1\", \"Divisor\": \"0x3e8\"}";
        var envelope = Envelope(at) with
        {
            Captured =
            [
                new PushedCapture("summation", summation, null, null),
                new PushedCapture("price", "{\"TimeStamp\": \"0x1c531d6b\", \"Price\": \"0xe\", \"TrailingDigits\": \"0x2\", \"Currency\": \"0x348\", \"Tier\": \"0x1\", \"RateLabel\": \"\"}", null, null),
                new PushedCapture("summation", null, "Malformed", "SummationDelivered is not a 64-bit hex number"),
            ],
        };
        var user = env.Grains.GetGrain<IUserGrain>(id);

        Assert.Equal(new UploadResult(UploadStatus.Accepted, 1), await user.UploadAsync(Secret, envelope));
        Assert.Equal(new UploadResult(UploadStatus.Accepted, 0, 1), await user.UploadAsync(Secret, envelope));

        Assert.Single(env.Lines(id, at));
        var summationFile = Domain.HourFiles.HourFileLayout.LocalPath(env.LogsDirectory, id, at, Domain.HourFiles.RecordKind.Summation);
        Assert.Equal([summation], File.ReadAllLines(summationFile));
        Assert.False(File.Exists(Domain.HourFiles.HourFileLayout.LocalPath(env.LogsDirectory, id, at, Domain.HourFiles.RecordKind.Price)));
        Assert.Single(env.Logs.GetSnapshot(), e => e.Message.Contains($"User {id}: summation reading not logged (Malformed)", StringComparison.Ordinal));
        Assert.Equal(PollingState.Polling, (await env.UserAsync(id)).Status.State);
        // Deactivated while the cluster is whole, so its last write does not wait out the shutdown.
        await env.Cluster.DeactivateAsync(user);
    }
}
