using System.Diagnostics.Metrics;

namespace Rainforest.Archive.Telemetry;

/// <summary>The archive's instruments, on the meter <c>Rainforest.Archive</c>.</summary>
public sealed class ArchiveMetrics
{
    public const string MeterName = "Rainforest.Archive";

    private readonly Counter<long> _hoursShipped;
    private readonly Counter<long> _bytesUploaded;
    private readonly Histogram<double> _uploadDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _droppedLines;
    private Func<ArchiveBacklog>? _backlog;

    public ArchiveMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hoursShipped = meter.CreateCounter<long>("rainforest.archive.hours_shipped", "{file}",
            "Local hour files confirmed in the archive and deleted.");
        _bytesUploaded = meter.CreateCounter<long>("rainforest.archive.uploaded_bytes", "By",
            "Compressed bytes written to the archive.");
        _uploadDuration = meter.CreateHistogram<double>("rainforest.archive.upload.duration", "s",
            "Duration of one object write, confirmation included.");
        _retries = meter.CreateCounter<long>("rainforest.archive.retries", "{attempt}",
            "Shipment attempts after a failure, and immediate retries inside one attempt.");
        _failures = meter.CreateCounter<long>("rainforest.archive.failures", "{failure}",
            "Failed shipment attempts, by error kind.");
        _droppedLines = meter.CreateCounter<long>("rainforest.archive.dropped_lines", "{line}",
            "Lines not shipped because they are torn (crash mid-write) or not a valid record.");
        meter.CreateObservableGauge("rainforest.archive.backlog.files", () => _backlog?.Invoke().Files ?? 0, "{file}",
            "Finished hour files on this silo's disk not yet confirmed in the archive.");
        meter.CreateObservableGauge("rainforest.archive.backlog.oldest_age",
            () => _backlog?.Invoke().OldestAge?.TotalSeconds ?? 0, "s",
            "Time since the end of the oldest hour still waiting to be shipped.");
    }

    /// <summary>The shipper supplies the backlog the gauges read.</summary>
    public void ObserveBacklog(Func<ArchiveBacklog> backlog) => _backlog = backlog;

    public void HourShipped() => _hoursShipped.Add(1);

    public void Uploaded(long bytes, TimeSpan duration)
    {
        _bytesUploaded.Add(bytes);
        _uploadDuration.Record(duration.TotalSeconds);
    }

    public void Retried() => _retries.Add(1);

    public void Failed(ArchiveErrorKind kind) =>
        _failures.Add(1, new KeyValuePair<string, object?>("error.kind", kind.ToString()));

    public void Dropped(long lines, string reason) =>
        _droppedLines.Add(lines, new KeyValuePair<string, object?>("reason", reason));
}
