using System.ComponentModel.DataAnnotations;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// A relay password: 1 to 128 printable ASCII characters. The relay takes it in an HTTP header, so only visible
/// ASCII can travel.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RelayPasswordAttribute : ValidationAttribute
{
    public const int MaxLength = 128;

    public RelayPasswordAttribute() : base($"user_pw must be 1 to {MaxLength} printable ASCII characters.") { }

    public override bool IsValid(object? value) =>
        value is null || value is string { Length: > 0 and <= MaxLength } text && !text.Any(c => c is < ' ' or > '~');
}
