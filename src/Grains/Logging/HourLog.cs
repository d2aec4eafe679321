using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Rainforest.Domain.HourFiles;

namespace Rainforest.Grains.Logging;

/// <summary>
/// One user's log of the current hour: the file is opened once per hour and each reading is written
/// straight to the operating system (no user-space buffer), so a killed process keeps every line it
/// reported as logged. The file is shared for reading and deleting so the shipper can work beside it.
/// When the silo's <see cref="OpenFileBudget"/> is spent, the file is opened around each line instead.
/// </summary>
/// <param name="kind">Which kind's files this log writes: demand (the default) or a captured sibling.</param>
public sealed class HourLog(string logsDirectory, string cloudId, OpenFileBudget budget, ILogger logger, RecordKind? kind = null) : IDisposable
{
    // A record line is about 250 bytes; longer ones (an escaped SuppressLeadingZero) take a pooled buffer.
    private const int StackLineBytes = 512;

    // A bare handle and the offset of the end: each line is one positioned write(2) with no stream layers between.
    private SafeFileHandle? _file;
    private long _end;
    private bool _holdsBudget;

    /// <summary>The <see cref="HourStamp"/> of the open file, if any.</summary>
    public string? OpenHour { get; private set; }

    /// <summary>Appends one record line to the file of <paramref name="pollTime"/>'s UTC hour.</summary>
    public void Append(DateTimeOffset pollTime, string recordLine)
    {
        var hour = HourStamp.Of(pollTime);
        if (_file is null || hour != OpenHour)
        {
            Open(pollTime, hour);
        }

        var length = Encoding.UTF8.GetMaxByteCount(recordLine.Length) + 1;
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLineBytes ? stackalloc byte[StackLineBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(recordLine, buffer);
            buffer[written++] = (byte)'\n';
            RandomAccess.Write(_file!, buffer[..written], _end);
            _end += written;
        }
        catch
        {
            // A half-written line must not stay in front of the next one.
            Close();
            throw;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        if (!_holdsBudget)
        {
            _file!.Dispose();
            _file = null;
        }
    }

    /// <summary>Counts the complete lines already in the file of <paramref name="hourUtc"/>'s hour (0 when none).</summary>
    public static long CountLines(string logsDirectory, string cloudId, DateTimeOffset hourUtc)
    {
        var path = HourFileLayout.LocalPath(logsDirectory, cloudId, hourUtc);
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> buffer = stackalloc byte[8192];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer[..read].Count((byte)'\n');
        }
        return lines;
    }

    public void Close()
    {
        _file?.Dispose();
        _file = null;
        OpenHour = null;
        if (_holdsBudget)
        {
            _holdsBudget = false;
            budget.Release();
        }
    }

    public void Dispose() => Close();

    private void Open(DateTimeOffset pollTime, string hour)
    {
        var sameHour = hour == OpenHour;
        if (!sameHour) Close();
        var path = HourFileLayout.LocalPath(logsDirectory, cloudId, pollTime, kind);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            if (!sameHour) RepairTornTail(file, path);
            _end = RandomAccess.GetLength(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        _file = file;
        OpenHour = hour;
        if (!sameHour) _holdsBudget = budget.TryAcquire();
    }

    // A crash mid-write can leave a last line without its newline; appending after it would glue two
    // records together, so the fragment is cut off (it was never reported as logged).
    private void RepairTornTail(SafeFileHandle file, string path)
    {
        var length = RandomAccess.GetLength(file);
        if (length == 0) return;
        var tail = new byte[(int)Math.Min(length, 64 * 1024)];
        var start = length - tail.Length;
        var read = 0;
        while (read < tail.Length)
        {
            var n = RandomAccess.Read(file, tail.AsSpan(read), start + read);
            if (n == 0) throw new IOException($"{path} shrank while its last line was being checked");
            read += n;
        }
        if (tail[^1] == (byte)'\n') return;
        var lastNewline = Array.LastIndexOf(tail, (byte)'\n');
        var keep = lastNewline < 0 ? start : start + lastNewline + 1;
        logger.LogWarning("Cut a torn last line ({Bytes} bytes) from {Path}", length - keep, path);
        RandomAccess.SetLength(file, keep);
    }
}
