namespace Rainforest.Grains.Uploads;

/// <summary>An Uploader secret's persisted binding; null when revoked.</summary>
[GenerateSerializer]
public sealed class UploaderSecretRecord
{
    [Id(0)] public string? CloudId { get; set; }
}
