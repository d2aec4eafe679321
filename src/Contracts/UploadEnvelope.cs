namespace Rainforest.Contracts;

/// <summary>
/// What a gateway's Uploader posted, once parsed at the edge: the gateway's MAC id from the envelope and its
/// instantaneous demand readings with every value exactly as sent, and its summation and price fragments
/// (logged only when that kind's capture is on).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UploadEnvelope(
    [property: Id(0)] ulong MacId,
    [property: Id(1)] IReadOnlyList<PushedDemand> Demands,
    [property: Id(2)] IReadOnlyList<PushedCapture> Captured);

/// <summary>
/// One CurrentSummation(Delivered) or PriceCluster fragment of an upload: its kind (<c>summation</c>,
/// <c>price</c>) and either its record line, in the same form as a polled capture, or why it could not be read.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PushedCapture(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Line,
    [property: Id(2)] string? Failure,
    [property: Id(3)] string? Detail);

/// <summary>One InstantaneousDemand fragment of an upload: the relay's nine fields, raw.</summary>
[GenerateSerializer, Immutable]
public sealed record PushedDemand(
    [property: Id(0)] ulong DeviceMacId,
    [property: Id(1)] ulong MeterMacId,
    [property: Id(2)] ulong TimeStamp,
    [property: Id(3)] ulong Demand,
    [property: Id(4)] ulong Multiplier,
    [property: Id(5)] ulong Divisor,
    [property: Id(6)] ulong DigitsRight,
    [property: Id(7)] ulong DigitsLeft,
    [property: Id(8)] string SuppressLeadingZero);
