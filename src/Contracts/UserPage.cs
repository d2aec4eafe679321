namespace Rainforest.Contracts;

/// <summary>
/// A slice of a user listing: <see cref="Matched"/> users match the whole query, <see cref="Counts"/> counts the
/// users matching its search per state (whatever states it asks for), and <see cref="Users"/> is the slice asked
/// for, ordered by Cloud ID.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserPage(
    [property: Id(0)] int Matched,
    [property: Id(1)] UserStateCounts Counts,
    [property: Id(2)] IReadOnlyList<UserSummary> Users);
