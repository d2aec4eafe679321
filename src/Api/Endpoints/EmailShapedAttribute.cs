using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The HTML standard's "valid e-mail address" (what a browser's type=email accepts), plus a dot in the domain:
/// relay accounts are public addresses. No quoted or commented forms, no trailing dot, no inner spaces; the
/// value is trimmed first, as it is when stored.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed partial class EmailShapedAttribute : ValidationAttribute
{
    public const int MaxLength = 254;

    public EmailShapedAttribute() : base($"user_email must be an e-mail address (at most {MaxLength} characters).") { }

    public override bool IsValid(object? value) =>
        value is null || value is string text && text.Trim() is { Length: <= MaxLength } trimmed && Shape().IsMatch(trimmed);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
