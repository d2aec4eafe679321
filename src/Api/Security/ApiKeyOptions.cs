using System.ComponentModel.DataAnnotations;

namespace Rainforest.Api.Security;

/// <summary>The accepted API keys (<c>Rainforest:Api:Keys:N</c>); several at once so keys can be rotated.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Rainforest:Api";

    public List<string> Keys { get; set; } = [];

    /// <summary>Requests per minute allowed for one key before 429.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerMinutePerKey { get; set; } = 6000;
}
