namespace Rainforest.Simulator.Uploader;

/// <summary>An account's uploads: where to, how often, how many were sent and accepted, the last HTTP status (0: no answer).</summary>
public sealed record SimulatedUploader(string CloudId, Uri Url, TimeSpan Every, long Sent, long Accepted, int LastStatus);
