using Rainforest.Domain.HourFiles;

namespace Rainforest.Eagle.Uploader;

/// <summary>
/// One summation or price fragment of an upload, read by <see cref="CapturedReading"/> exactly like a polled reply:
/// its record line, or (a fragment without a readable value) why not. A bad fragment never refuses the envelope.
/// </summary>
public sealed record UploadedCapture(RecordKind Kind, RelayOutcome Outcome);
