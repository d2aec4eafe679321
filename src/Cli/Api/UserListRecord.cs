namespace Rainforest.Cli.Api;

/// <summary><c>GET /api/users</c>: every user (or those matching <c>?status=</c>).</summary>
public sealed record UserListRecord(int Count, IReadOnlyList<UserSummaryRecord> Users);
