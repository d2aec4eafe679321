namespace Rainforest.Simulator.Control;

/// <summary>Body of <c>PUT /sim/accounts/{cloudId}/uploader</c>: where the account's gateway posts, and how often.</summary>
internal sealed class UploaderBody
{
    public string? Url { get; set; }
    public double? EverySeconds { get; set; }
}
