namespace Rainforest.Security.Tests.Support;

/// <summary>
/// Everything a system emitted, as named pieces of bytes (a transcript, a file, a Redis value, an HTTP reply,
/// an exported span batch), searchable for a secret in the encodings it could plausibly be written in.
/// </summary>
public sealed class Emissions
{
    private readonly List<(string Place, byte[] Content)> _pieces = [];

    public int Count => _pieces.Count;

    public void Add(string place, byte[] content) => _pieces.Add((place, content));

    public void Add(string place, string content) => Add(place, Encoding.UTF8.GetBytes(content));

    /// <summary>Every regular file under <paramref name="directory"/>, read even while another process writes it.</summary>
    public void AddDirectory(string label, string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Add($"{label}:{Path.GetRelativePath(directory, path)}", copy.ToArray());
        }
    }

    public bool Contains(string text) => Find(text).Count > 0;

    /// <summary>Every place that holds <paramref name="secret"/> as UTF-8, UTF-16 or Base64 of UTF-8.</summary>
    public IReadOnlyList<SecretSighting> Find(string secret)
    {
        var forms = new[]
        {
            Encoding.UTF8.GetBytes(secret),
            Encoding.Unicode.GetBytes(secret),
            Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('=')),
        };
        var sightings = new List<SecretSighting>();
        foreach (var (place, content) in _pieces)
        {
            foreach (var form in forms)
            {
                var at = content.AsSpan().IndexOf(form);
                if (at < 0) continue;
                var start = Math.Max(0, at - 80);
                var end = Math.Min(content.Length, at + form.Length + 80);
                sightings.Add(new SecretSighting(place, Encoding.UTF8.GetString(content, start, end - start)));
                break;
            }
        }
        return sightings;
    }
}
