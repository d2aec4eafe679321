using System.Net;

namespace Rainforest.Eagle.Local;

/// <summary>Refuses an allowed-networks entry that is not a CIDR, naming the key, so a typo stops the start instead of every local user.</summary>
internal sealed class LocalSourceOptionsValidator : IValidateOptions<LocalSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalSourceOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.AllowedNetworks[i]?.Trim(), out _))
            {
                failures.Add($"{LocalSourceOptions.SectionName}:AllowedNetworks:{i} must be a CIDR such as 192.168.0.0/16 " +
                    $"(with no bits set past the prefix); got '{options.AllowedNetworks[i]}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
