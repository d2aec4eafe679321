namespace Rainforest.Cli.Output;

/// <summary>Passes writes through to another stream, counting bytes and line breaks for a progress display.</summary>
public sealed class CountingStream(Stream inner, Action<Transferred>? progress) : WriteOnlyStream
{
    private long _bytes;
    private long _lines;

    public Transferred Transferred => new(_bytes, _lines);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer);
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private void Count(ReadOnlySpan<byte> buffer)
    {
        _bytes += buffer.Length;
        _lines += buffer.Count((byte)'\n');
        progress?.Invoke(Transferred);
    }
}
