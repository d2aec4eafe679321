namespace Rainforest.Simulator.Relay;

/// <summary>
/// Lean mode's command recognition: relay clients send the same few command bodies over and over, so a body seen
/// before is recognised by comparing its bytes; only a new body is parsed (and remembered, up to a handful).
/// </summary>
internal sealed class KnownCommands
{
    private const int Capacity = 16;
    private readonly Lock gate = new();
    private (byte[] Body, RelayCommand? Command)[] known = [];

    public RelayCommand? Parse(ReadOnlySpan<byte> body)
    {
        var seen = Volatile.Read(ref known);
        foreach (var (bytes, command) in seen)
        {
            if (body.SequenceEqual(bytes)) return command;
        }

        var parsed = RelayCommand.TryParse(body.ToArray());
        lock (gate)
        {
            if (known.Length < Capacity) Volatile.Write(ref known, [.. known, (body.ToArray(), parsed)]);
        }
        return parsed;
    }
}
