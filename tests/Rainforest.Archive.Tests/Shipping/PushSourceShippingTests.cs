using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Rainforest.Archive.Tests.Support;
using Rainforest.Domain.Readings;
using Rainforest.Grains.Hosting;

namespace Rainforest.Archive.Tests.Shipping;

/// <summary>A push user's uploaded readings take the same way as a polled user's: the hour file, then the archive.</summary>
public sealed class PushSourceShippingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 59, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset GatewayEpoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const ulong Gateway = 0x00158d0000000a1b;
    private const ulong Meter = 0x00135003007c0b2d;

    [Fact]
    public async Task A_push_users_uploaded_hour_reaches_the_archive_line_for_line()
    {
        const string id = "9005e0";
        var secretHash = SHA256.HashData(RandomNumberGenerator.GetBytes(24));
        var settings = new Dictionary<string, string?>();
        await using var cluster = await ArchiveCluster.StartAsync(Start, settings, configureSilo: silo =>
        {
            silo.Services.AddRainforestPolling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            silo.AddMemoryGrainStorage("Users");
            silo.UseInMemoryReminderService();
        });
        var user = cluster.Grains.GetGrain<IUserGrain>(id);
        Assert.Equal(RegistrationResult.Created, await user.RegisterAsync(UserRegistration.Push(Convert.ToHexStringLower(secretHash))));

        // Three uploads in the hour's last half minute, one reading each, as a gateway's Uploader sends them.
        var sent = new List<ulong>();
        for (var i = 0; i < 3; i++)
        {
            var stamp = (ulong)(cluster.Clock.GetUtcNow() - GatewayEpoch).TotalSeconds;
            var result = await user.UploadAsync(secretHash, new UploadEnvelope(Gateway,
                [new PushedDemand(Gateway, Meter, stamp, 0x4b0 + (ulong)i, 1, 1000, 3, 6, "Y")], []));
            Assert.Equal(UploadStatus.Accepted, result.Status);
            sent.Add(stamp);
            cluster.Clock.Advance(TimeSpan.FromSeconds(6));
        }

        var archived = Path.Combine(cluster.ArchiveDirectory, "rainforest-logs", id, "2026", "03", "10", $"iseif-rainforest-{id}-2026-03-10-17.jl.gz");
        await cluster.AdvanceUntilAsync(() => Task.FromResult(File.Exists(archived)), Deadline, "the hour 17 in the archive");

        var readings = S3Server.Gunzip(await File.ReadAllBytesAsync(archived)).Select(line =>
        {
            Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var reading), line);
            return reading;
        }).ToList();
        Assert.Equal(sent, readings.Select(r => r.TimeStamp));
        Assert.Equal([1.2, 1.201, 1.202], readings.Select(r => Math.Round(r.Kilowatts, 3)));
        Assert.All(readings, r => Assert.Equal(Meter, r.MeterMacId));
        await cluster.Cluster.DeactivateAsync(user);
    }
}
