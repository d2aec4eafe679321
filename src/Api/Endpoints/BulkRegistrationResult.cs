using System.Text.Json.Serialization;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// One item's answer in <c>POST /api/users</c>, at the item's position: <c>result</c> (created, updated, unchanged)
/// (with <c>uploader</c> for a new push user) or <c>error</c>, a problem detail as the single-user route would have answered it.
/// </summary>
public sealed record BulkRegistrationResult(
    string? CloudId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BulkItemProblem? Error = null)
{
    /// <summary>A push user's upload URL, shown as the single-user route shows it: when it is new, and only then.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UploaderResponse? Uploader { get; init; }
}
