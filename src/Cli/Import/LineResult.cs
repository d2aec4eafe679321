namespace Rainforest.Cli.Import;

/// <summary>One line's fate. <see cref="Status"/> is the server's HTTP status when the server decided.</summary>
public sealed record LineResult(int Line, string? CloudId, LineOutcome Outcome, string? Reason = null, int? Status = null);
