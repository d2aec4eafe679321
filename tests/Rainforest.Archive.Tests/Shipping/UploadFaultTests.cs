using Rainforest.Archive.Tests.Support;

namespace Rainforest.Archive.Tests.Shipping;

/// <summary>Uploads go through a real HTTP proxy that damages them; the archive must notice and retry.</summary>
[Collection(S3Collection.Name)]
public sealed class UploadFaultTests(S3Server s3) : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour17 = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private FaultyS3Proxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await FaultyS3Proxy.StartAsync(s3.ServiceUrl);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task An_upload_stored_with_a_wrong_hash_is_kept_and_retried_until_confirmed()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var earlier = HourFileWriter.Readings(Hour17, 100);
        var later = HourFileWriter.Readings(Hour17.AddMinutes(30), 100);
        // More corrupted bodies than one attempt retries at once: the first pass fails.
        _proxy.CorruptNextBodies(6);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix, _proxy.Url),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "0bad00", Hour17, later));
        var key = HourFileLayout.ObjectKey(prefix, "0bad00", Hour17);

        var failing = await Eventually.Until(cluster.StatusAsync, s => s.Failing, Deadline, "the integrity failure in the status");
        Assert.Equal(ArchiveErrorKind.Integrity, failing.Silos[0].LastErrorKind);
        Assert.True(File.Exists(path));

        await cluster.AdvanceUntilAsync(() => Task.FromResult(!File.Exists(path)), Deadline, "the retried upload to be confirmed");
        Assert.Equal(later, await s3.GetGzipLinesAsync(key));
        Assert.True(_proxy.Uploads >= 7);

        // The next part merges with the confirmed object, not with a damaged one.
        _proxy.CorruptNextBodies(2);
        HourFileWriter.Write(cluster.LogsDirectory(0), "0bad00", Hour17, earlier);
        await cluster.AdvanceUntilAsync(async () =>
        {
            await cluster.Shipper(0).ShipAsync(includeCurrentHour: false, CancellationToken.None);
            return !File.Exists(path);
        }, Deadline, "the second part to be shipped");
        Assert.Equal(earlier.Concat(later), await s3.GetGzipLinesAsync(key));
        Assert.Equal([key], await s3.ListKeysAsync(prefix + "/"));
    }

    [Fact]
    public async Task An_upload_answered_with_a_server_error_is_kept_and_retried()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var lines = HourFileWriter.Readings(Hour17, 50);
        // The SDK retries a 500 three times within one attempt; six failures outlast it.
        _proxy.FailNextUploads(6);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix, _proxy.Url),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "0bad01", Hour17, lines));

        var failing = await Eventually.Until(cluster.StatusAsync, s => s.Failing, Deadline, "the server error in the status");
        Assert.Equal(ArchiveErrorKind.Transient, failing.Silos[0].LastErrorKind);
        Assert.True(File.Exists(path));

        await cluster.AdvanceUntilAsync(() => Task.FromResult(!File.Exists(path)), Deadline, "the retried upload to be confirmed");
        Assert.Equal(lines, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "0bad01", Hour17)));
        Assert.True(_proxy.Uploads >= 7);
    }

    [Fact]
    public async Task A_reply_with_a_wrong_etag_is_not_taken_as_confirmation()
    {
        var prefix = ArchiveCluster.NewPrefix();
        var lines = HourFileWriter.Readings(Hour17, 50);
        _proxy.AlterNextETags(1);
        string path = "";
        await using var cluster = await ArchiveCluster.StartAsync(Hour17.AddHours(1).AddMinutes(1), ArchiveCluster.S3Settings(s3, prefix, _proxy.Url),
            prepare: (_, logs) => path = HourFileWriter.Write(logs, "0bad02", Hour17, lines));

        await cluster.AdvanceUntilAsync(() => Task.FromResult(!File.Exists(path)), Deadline, "the upload to be confirmed");

        // Confirmed by reading the object back whole (no second upload), not by the altered reply.
        Assert.Equal(lines, await s3.GetGzipLinesAsync(HourFileLayout.ObjectKey(prefix, "0bad02", Hour17)));
        Assert.Equal(1, _proxy.Uploads);
    }
}
