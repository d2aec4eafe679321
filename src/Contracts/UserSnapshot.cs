namespace Rainforest.Contracts;

/// <summary>A user as the API shows it. Never carries the gateway password.</summary>
[GenerateSerializer, Immutable]
public sealed record UserSnapshot(
    [property: Id(0)] string CloudId,
    [property: Id(1)] string Email,
    [property: Id(2)] long TotalEventsLogged,
    [property: Id(3)] double? FirstTimestamp,
    [property: Id(4)] double? LastTimestamp,
    [property: Id(5)] UserStatus Status,
    [property: Id(6)] IReadOnlyList<StatusChange>? StatusHistory = null)
{
    /// <summary>Where the readings come from; ids far from the positional ones so the record can grow on both ends.</summary>
    [Id(20)] public ReadingSource Source { get; init; }

    /// <summary>The local gateway's URL (local users only); never the install code.</summary>
    [Id(21)] public string? GatewayUrl { get; init; }
}

/// <summary>The polling status an operator acts on.</summary>
[GenerateSerializer, Immutable]
public sealed record UserStatus(
    [property: Id(0)] PollingState State,
    [property: Id(1)] int ConsecutiveFailures,
    [property: Id(2)] PollErrorKind LastErrorKind,
    [property: Id(3)] string? LastError,
    [property: Id(4)] DateTimeOffset? LastErrorAt,
    [property: Id(5)] DateTimeOffset? LastSuccessAt,
    [property: Id(6)] DateTimeOffset? NextPollAt);

/// <summary>The short form of a user kept by the directory for listings.</summary>
[GenerateSerializer, Immutable]
public sealed record UserSummary(
    [property: Id(0)] string CloudId,
    [property: Id(1)] PollingState State,
    [property: Id(2)] long TotalEventsLogged,
    [property: Id(3)] DateTimeOffset? LastSuccessAt,
    [property: Id(4)] PollErrorKind LastErrorKind,
    [property: Id(5)] DateTimeOffset? LastErrorAt,
    [property: Id(6)] string? Email = null)
{
    [Id(20)] public ReadingSource Source { get; init; }
}
