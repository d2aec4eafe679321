using System.Text;

namespace Rainforest.Cli.Output;

/// <summary>
/// UTF-8 bytes written to a text writer (standard output, or what a test captured), decoded chunk by chunk so
/// a character split across two reads comes out whole.
/// </summary>
public sealed class TextWriterStream(TextWriter writer) : WriteOnlyStream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] _chars = [];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var count = Decode(buffer);
        writer.Write(_chars, 0, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = Decode(buffer.Span);
        await writer.WriteAsync(_chars.AsMemory(0, count), cancellationToken);
    }

    public override void Flush() => writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    private int Decode(ReadOnlySpan<byte> buffer)
    {
        var needed = _decoder.GetCharCount(buffer, flush: false);
        if (_chars.Length < needed) _chars = new char[Math.Max(needed, 4096)];
        return _decoder.GetChars(buffer, _chars, flush: false);
    }
}
