namespace Rainforest.Cli.Api;

/// <summary>An error answer: the RFC 9457 problem body when there is one, else the start of whatever came back.</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail)
{
    private const int MaxBodyShown = 200;

    /// <summary>"Invalid user: user_email must be an e-mail address …": what an operator reads.</summary>
    public string Describe() => (Title, Detail) switch
    {
        ({ Length: > 0 } title, { Length: > 0 } detail) => $"{title}: {detail}",
        ({ Length: > 0 } title, _) => title,
        (_, { Length: > 0 } detail) => detail,
        _ => $"HTTP {Status}",
    };

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return new ApiProblem(status, Text(document.RootElement, "title"), Text(document.RootElement, "detail"));
            }
        }
        catch (JsonException)
        {
            // Not a problem body (a proxy's HTML page, plain text): show its start.
        }
        var text = body.Trim();
        if (text.Length > MaxBodyShown) text = text[..MaxBodyShown] + "…";
        return new ApiProblem(status, response.ReasonPhrase, text.Length > 0 ? text : null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
