namespace Rainforest.Cli.Migration;

/// <summary>
/// The old store read and checked: the users to register, and the records skipped before any request with their
/// reasons. Two keys that name the same user (<c>00ABCD</c> and <c>00abcd</c>) keep the first in key order.
/// </summary>
public sealed record MigrationPlan(int Keys, IReadOnlyList<OriginalUser> Users, IReadOnlyList<MigrationResult> Skipped)
{
    public int Inactive => Users.Count(u => !u.Active);

    public static MigrationPlan From(IReadOnlyList<OriginalEntry> entries, DateTimeOffset now)
    {
        var users = new List<OriginalUser>();
        var skipped = new List<MigrationResult>();
        var firstKeyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Value is null)
            {
                skipped.Add(new MigrationResult(entry.Key, null, MigrationOutcome.Skipped, entry.Unreadable));
            }
            else if (!OriginalRecord.TryParse(entry.Key, entry.Value, now, out var user, out var reason))
            {
                skipped.Add(new MigrationResult(entry.Key, null, MigrationOutcome.Skipped, reason));
            }
            else if (firstKeyOf.TryGetValue(user!.CloudId, out var first))
            {
                skipped.Add(new MigrationResult(entry.Key, user.CloudId, MigrationOutcome.Skipped,
                    $"the same Cloud ID as key \"{first}\", which is migrated instead"));
            }
            else
            {
                firstKeyOf[user.CloudId] = entry.Key;
                users.Add(user);
            }
        }
        return new MigrationPlan(entries.Count, users, skipped);
    }
}
