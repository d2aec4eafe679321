using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Rainforest.Cli.Api;

/// <summary>The API's JSON conventions: snake_case names, enums as snake_case strings.</summary>
public static class ApiJson
{
    /// <summary>Reading the API's answers and writing request bodies.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    /// <summary>What this tool prints for scripts: the same names, human-readable when a person looks.</summary>
    public static readonly JsonSerializerOptions Output = Create(indented: true);

    /// <summary>One object per line (export).</summary>
    public static readonly JsonSerializerOptions Lines = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        RespectNullableAnnotations = true,
        WriteIndented = indented,
        // Output goes to terminals and files, never into HTML: keep e-mail addresses readable ('+' not \u002B).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
