namespace Rainforest.Cli.Output;

/// <summary>What <c>--json</c> prints: one JSON document per run on standard output.</summary>
public static class JsonOutput
{
    public static Task WriteAsync<T>(TextWriter writer, T value) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(value, ApiJson.Output));
}
