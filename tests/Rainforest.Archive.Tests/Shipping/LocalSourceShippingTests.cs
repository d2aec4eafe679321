using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Rainforest.Archive.Tests.Support;
using Rainforest.Domain.Readings;
using Rainforest.Grains.Hosting;
using Rainforest.Simulator;
using Rainforest.Simulator.Accounts;

namespace Rainforest.Archive.Tests.Shipping;

/// <summary>A local gateway's readings take the same way as a relay user's: the hour file, then the archive.</summary>
public sealed class LocalSourceShippingTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 59, 30, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_local_users_finished_hour_reaches_the_archive_as_relay_records()
    {
        const string id = "10ca15";
        await using var simulator = await GatewaySimulator.StartAsync(new SimulatorOptions());
        simulator.Accounts.Add(id);
        var settings = new Dictionary<string, string?>
        {
            ["Rainforest:Eagle:CloudUrl"] = simulator.RelayUrl.ToString(),
            ["Rainforest:Eagle:RequestTimeout"] = "00:00:05",
            ["Rainforest:Sources:Local:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        await using var cluster = await ArchiveCluster.StartAsync(Start, settings, configureSilo: silo =>
        {
            silo.Services.AddRainforestPolling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            silo.AddMemoryGrainStorage("Users");
            silo.UseInMemoryReminderService();
        });
        var user = cluster.Grains.GetGrain<IUserGrain>(id);
        Assert.Equal(RegistrationResult.Created,
            await user.RegisterAsync(UserRegistration.Local(simulator.BaseUrl.ToString(), SimulatedAccount.DefaultInstallCode(id))));

        var archived = Path.Combine(cluster.ArchiveDirectory, "rainforest-logs", id, "2026", "03", "10", $"iseif-rainforest-{id}-2026-03-10-17.jl.gz");
        await cluster.AdvanceUntilAsync(() => Task.FromResult(File.Exists(archived)), Deadline, "the hour 17 in the archive");

        var lines = S3Server.Gunzip(await File.ReadAllBytesAsync(archived));
        Assert.NotEmpty(lines);
        var readings = lines.Select(line =>
        {
            Assert.True(DemandReading.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var reading), line);
            return reading;
        }).ToList();
        Assert.All(readings, r => Assert.InRange(r.Kilowatts, 0.2, 6.5));
        Assert.All(readings, r => Assert.Equal(1000UL, r.Divisor));
        Assert.Single(readings.Select(r => r.MeterMacId).Distinct());
        await cluster.Cluster.DeactivateAsync(user);
    }
}
