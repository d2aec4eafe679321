using System.Globalization;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The checked query of <c>GET /api/users</c>: <c>status</c>, <c>search</c> (part of a Cloud ID or email),
/// <c>offset</c> and <c>limit</c>. Without <c>limit</c> every matching user is listed, as before paging existed.
/// </summary>
public sealed record UserListQuery(UserQuery Query, int Offset, int? Limit)
{
    public const int MaxLimit = 1000;
    public const int MaxSearchLength = 254;

    /// <summary>Reads the query, or says in <paramref name="problem"/> why it cannot.</summary>
    public static bool TryParse(string? status, string? search, string? offset, string? limit, out UserListQuery query, out string problem)
    {
        query = null!;
        problem = string.Empty;
        IReadOnlyList<PollingState>? states = null;
        if (status is not null && !UserStatusFilter.TryParseStates(status, out states))
        {
            problem = $"status must be one of: {string.Join(", ", UserStatusFilter.Names)}.";
            return false;
        }
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            problem = $"search must be at most {MaxSearchLength} characters.";
            return false;
        }
        var from = 0;
        if (offset is not null && !(int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            problem = "offset must be a whole number, 0 or more.";
            return false;
        }
        int? count = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > MaxLimit)
            {
                problem = $"limit must be a whole number from 1 to {MaxLimit}.";
                return false;
            }
            count = parsed;
        }
        query = new UserListQuery(new UserQuery(search, states), from, count);
        return true;
    }
}
