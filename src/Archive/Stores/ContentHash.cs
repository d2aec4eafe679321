using System.Security.Cryptography;

namespace Rainforest.Archive.Stores;

/// <summary>The MD5 a single-part upload is checked against (Content-MD5 on the way in, the ETag on the way out).</summary>
public static class ContentHash
{
    public static byte[] Md5(ReadOnlySpan<byte> content) => MD5.HashData(content);

    public static string Hex(byte[] md5) => Convert.ToHexStringLower(md5);

    /// <summary>A quoted ETag, as S3 spells it.</summary>
    public static string ETagOf(ReadOnlySpan<byte> content) => $"\"{Hex(Md5(content))}\"";

    /// <summary>True when the ETag is a plain MD5 (not a multipart "-N" tag) equal to <paramref name="md5"/>.</summary>
    public static bool ETagMatches(string? etag, byte[] md5, out bool comparable)
    {
        var bare = etag?.Trim('"') ?? string.Empty;
        comparable = bare.Length == 32 && bare.All(char.IsAsciiHexDigit);
        return comparable && string.Equals(bare, Hex(md5), StringComparison.OrdinalIgnoreCase);
    }
}
