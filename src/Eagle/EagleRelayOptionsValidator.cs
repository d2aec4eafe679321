namespace Rainforest.Eagle;

/// <summary>Rejects a relay configuration that cannot work, with a message naming the configuration key.</summary>
internal sealed class EagleRelayOptionsValidator : IValidateOptions<EagleRelayOptions>
{
    public ValidateOptionsResult Validate(string? name, EagleRelayOptions options)
    {
        var failures = new List<string>();
        var url = options.CloudUrl;
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{EagleRelayOptions.SectionName}:CloudUrl must be an absolute http or https URL (got '{url}').");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > EagleRelayOptions.MaxRequestTimeout)
        {
            failures.Add(
                $"{EagleRelayOptions.SectionName}:RequestTimeout must be above zero and at most {EagleRelayOptions.MaxRequestTimeout} " +
                $"(written hh:mm:ss, e.g. 00:00:05); got {options.RequestTimeout}.");
        }

        if (options.MaxConnectionsPerServer < 1)
        {
            failures.Add($"{EagleRelayOptions.SectionName}:MaxConnectionsPerServer must be at least 1; got {options.MaxConnectionsPerServer}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
