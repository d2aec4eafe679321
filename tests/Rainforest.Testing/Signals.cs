using System.Runtime.InteropServices;

namespace Rainforest.Testing;

/// <summary>POSIX signals, for stopping a process gracefully (SIGTERM) rather than killing it.</summary>
public static partial class Signals
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0) throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
