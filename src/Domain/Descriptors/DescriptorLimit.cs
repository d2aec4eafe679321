using System.Globalization;

namespace Rainforest.Domain.Descriptors;

/// <summary>What the kernel says about this process's descriptors (Linux /proc; elsewhere a conservative guess).</summary>
public static class DescriptorLimit
{
    private const int Unknown = 1024;

    /// <summary>The soft RLIMIT_NOFILE: the limit an open() or socket() actually runs into.</summary>
    public static long Soft()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? int.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Unknown;
    }

    /// <summary>Descriptors open in this process now.</summary>
    public static int OpenNow()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
