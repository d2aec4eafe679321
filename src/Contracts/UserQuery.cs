namespace Rainforest.Contracts;

/// <summary>
/// Which users a listing wants: those whose Cloud ID or email contains <see cref="Search"/> (any case), in one of
/// <see cref="States"/>; null means no condition.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UserQuery(
    [property: Id(0)] string? Search,
    [property: Id(1)] IReadOnlyList<PollingState>? States)
{
    public bool MatchesSearch(UserSummary user) =>
        Search is null
        || user.CloudId.Contains(Search, StringComparison.OrdinalIgnoreCase)
        || (user.Email?.Contains(Search, StringComparison.OrdinalIgnoreCase) ?? false);

    public bool MatchesState(UserSummary user) => States is null || States.Contains(user.State);
}
