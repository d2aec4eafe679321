using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Shipping;

/// <summary>Has its own S3 server, since it stops it.</summary>
public sealed class S3OutageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly S3Server _s3 = new();

    public Task InitializeAsync() => _s3.InitializeAsync();

    public Task DisposeAsync() => _s3.DisposeAsync().AsTask();

    [Fact]
    public async Task Nothing_is_deleted_while_S3_is_down_and_everything_arrives_when_it_is_back()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var users = new[] { "000001", "000002", "000003" };
        var readings = users.ToDictionary(u => u, u => HourFileWriter.Readings(Hour17, 120, firstDemand: int.Parse(u) * 1000));
        var paths = new List<string>();
        await _s3.StopAsync();

        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(5), ArchiveCluster.S3Settings(_s3, prefix),
            prepare: (_, logs) => paths.AddRange(users.Select(u => HourFileWriter.Write(logs, u, Hour17, readings[u]))));

        var down = await Eventually.Until(cluster.StatusAsync, s => s.Failing && s.BacklogFiles == 3, Deadline, "the outage in the status");
        Assert.Equal(ArchiveErrorKind.Transient, down.Silos[0].LastErrorKind);
        Assert.NotNull(down.OldestBacklogAge);
        Assert.True(down.OldestBacklogAge >= TimeSpan.FromMinutes(5));

        // Several retries fail while the server stays down; nothing is deleted.
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(15));
        Assert.All(paths, path => Assert.True(File.Exists(path)));
        Assert.Equal(3, cluster.Backlog(0).Count);

        await _s3.StartAsync();
        await cluster.AdvanceUntilAsync(() => Task.FromResult(paths.All(p => !File.Exists(p))), Deadline, "the backlog to drain once S3 is back");

        foreach (var user in users)
        {
            Assert.Equal(readings[user], await _s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, user, Hour17)));
        }
        var up = await Eventually.Until(cluster.StatusAsync, s => !s.Failing && s.BacklogFiles == 0, Deadline, "the recovery in the status");
        Assert.Equal(3, up.HoursShipped);
        Assert.NotNull(up.Silos[0].LastSuccessAt);
    }
}
