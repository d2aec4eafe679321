using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Rainforest.Api.Security;

/// <summary>
/// A push user's Uploader secret: 192 random bits in base64url, shown once; only its SHA-256 is kept (a plain hash
/// suffices for a random secret of this size, there is nothing to guess from a dictionary).
/// </summary>
public static class UploadSecret
{
    /// <summary>Longer than any secret issued here; a longer route value is refused before it is hashed.</summary>
    public const int MaxLength = 64;

    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The key of the secret's <see cref="IUploaderSecretGrain"/>.</summary>
    public static string HashKey(byte[] hash) => Convert.ToHexStringLower(hash);
}
