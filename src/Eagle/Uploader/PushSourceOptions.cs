using System.ComponentModel.DataAnnotations;

namespace Rainforest.Eagle.Uploader;

/// <summary>Push users (the gateway's Uploader). Bound from "Rainforest:Sources:Push", validated at start.</summary>
public sealed class PushSourceOptions
{
    public const string SectionName = "Rainforest:Sources:Push";

    /// <summary>A push user with no reading for this long shows as failing (<c>silent</c>) until readings come again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Rainforest:Sources:Push:SilentAfter must be between 1 second and 7 days.")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Uploads one upload URL may send at once before 429 (a gateway catching up sends a few).</summary>
    [Range(1, 100_000)]
    public int UploadBurst { get; set; } = 20;

    /// <summary>Uploads one upload URL may send per second, steadily (a gateway sends one every few seconds).</summary>
    [Range(1, 100_000)]
    public int UploadsPerSecond { get; set; } = 2;
}
