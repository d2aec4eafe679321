namespace Rainforest.Cli.Tests.Support;

/// <summary>What the stub answers to one request: status, body, headers, and an optional delay before answering.</summary>
public sealed record StubAnswer(int Status, string Body, string ContentType = "application/problem+json",
    IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static StubAnswer Problem(int status, string title, string detail) =>
        new(status, JsonSerializer.Serialize(new { status, title, detail }));
}
