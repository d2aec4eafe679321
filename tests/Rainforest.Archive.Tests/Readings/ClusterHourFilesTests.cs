using Rainforest.Archive.Readings;
using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Readings;

/// <summary>Asking every silo of an in-process cluster for its part of an hour not shipped yet.</summary>
public sealed class ClusterHourFilesTests
{
    private const string User = "0c1a55";
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_active_silo_gives_its_own_part_and_a_stopped_silo_is_no_longer_asked()
    {
        // Each silo logged a different part of the hour (the user moved twice).
        var logged = Enumerable.Range(0, 3).Select(i => HourFileWriter.Readings(Hour17.AddMinutes(10 * i), 5, firstDemand: 100 * i)).ToList();
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddMinutes(40), new Dictionary<string, string?>(), silos: 3,
            prepare: (i, logs) => HourFileWriter.Write(logs, User, Hour17, logged[i]));
        var files = new ClusterHourFiles(cluster.Grains);

        var parts = await files.ReadAsync(User, Hour17, RecordKind.Demand, CancellationToken.None);

        Assert.Equal(logged.Select(Text).Order(), parts.Select(p => System.Text.Encoding.UTF8.GetString(p)).Order());

        await cluster.Cluster.StopSiloAsync(cluster.Silo(2));
        parts = await files.ReadAsync(User, Hour17, RecordKind.Demand, CancellationToken.None);
        Assert.Equal(logged.Take(2).Select(Text).Order(), parts.Select(p => System.Text.Encoding.UTF8.GetString(p)).Order());
    }

    [Fact]
    public async Task A_silo_whose_part_cannot_be_read_makes_the_hour_unavailable()
    {
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddMinutes(40), new Dictionary<string, string?>(), silos: 2,
            prepare: (i, logs) =>
            {
                if (i == 0) HourFileWriter.Write(logs, User, Hour17, HourFileWriter.Readings(Hour17, 5));
                // Where silo 1's hour file belongs there is something that cannot be read as one.
                else Directory.CreateDirectory(HourFileLayout.LocalPath(logs, User, Hour17));
            });

        var failure = await Assert.ThrowsAsync<UnshippedHoursUnavailableException>(
            () => new ClusterHourFiles(cluster.Grains).ReadAsync(User, Hour17, RecordKind.Demand, CancellationToken.None));
        Assert.Contains(cluster.Silo(1).SiloAddress.ToString(), failure.Place);
    }

    [Fact]
    public async Task An_active_silo_that_does_not_answer_in_time_makes_the_hour_unavailable()
    {
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddMinutes(40), new Dictionary<string, string?>(), silos: 2,
            prepare: (i, logs) => HourFileWriter.Write(logs, User, Hour17, HourFileWriter.Readings(Hour17.AddMinutes(10 * i), 5)));
        // A named pipe in place of silo 1's hour file: opening it waits for a writer, as a hung disk would.
        var stuck = HourFileLayout.LocalPath(cluster.LogsDirectory(1), User, Hour17);
        File.Delete(stuck);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [stuck])!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        try
        {
            var failure = await Assert.ThrowsAsync<UnshippedHoursUnavailableException>(
                () => new ClusterHourFiles(cluster.Grains).ReadAsync(User, Hour17, RecordKind.Demand, CancellationToken.None));
            Assert.Contains(cluster.Silo(1).SiloAddress.ToString(), failure.Place);
            Assert.IsType<TimeoutException>(failure.InnerException);
        }
        finally
        {
            // Let the waiting read finish (an empty file) so the silo stops cleanly; opening waits for that reader.
            await Task.Run(() => new FileStream(stuck, FileMode.Open, FileAccess.Write).Dispose()).WaitAsync(TimeSpan.FromSeconds(30));
            // Gone before the silos stop, so their shutdown pass does not wait on it too.
            File.Delete(stuck);
        }
    }

    private static string Text(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
