namespace Rainforest.Security.Tests.Support;

/// <summary>Where a secret turned up, with a little of the content around it.</summary>
public sealed record SecretSighting(string Place, string Context);
