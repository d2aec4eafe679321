namespace Rainforest.Contracts;

/// <summary>
/// The result of one poll. <see cref="Record"/> is the exact line that was logged (the original
/// nine-key format), so the API can return it byte for byte, 64-bit MAC ids included.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PollResult(
    [property: Id(0)] PollErrorKind Error,
    [property: Id(1)] string? Record,
    [property: Id(2)] string? Detail)
{
    public bool Succeeded => Error == PollErrorKind.None;
}
