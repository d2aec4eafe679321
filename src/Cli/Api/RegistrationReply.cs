namespace Rainforest.Cli.Api;

/// <summary>The server's verdict on one registration; a reason and HTTP status when it was not accepted.</summary>
public sealed record RegistrationReply(RegistrationOutcome Outcome, string? Reason = null, int? Status = null);
