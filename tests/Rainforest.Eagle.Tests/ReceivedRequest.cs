namespace Rainforest.Eagle.Tests;

/// <summary>What the loopback relay saw of one request.</summary>
public sealed record ReceivedRequest(string Method, string? CloudId, string? User, string? Password, string? ContentType, string Body);
