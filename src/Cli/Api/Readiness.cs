namespace Rainforest.Cli.Api;

/// <summary><c>/health/ready</c> of the server answering: ready, not ready, or unknown (a gateway has no such route).</summary>
public sealed record Readiness(bool? Ready, string Detail);
