namespace Rainforest.Cli.Api;

/// <summary>An answer read into this tool's model, with the JSON as the server sent it (for <c>--json</c>).</summary>
public sealed record ApiReply<T>(T Value, JsonElement Json);
