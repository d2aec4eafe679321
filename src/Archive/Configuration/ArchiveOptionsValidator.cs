using System.Text.RegularExpressions;

namespace Rainforest.Archive.Configuration;

/// <summary>The checks data annotations cannot express, so a bad setting stops the silo at start.</summary>
public sealed partial class ArchiveOptionsValidator(IOptions<LogsOptions> logs) : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        var failures = new List<string>();

        if (options.ShipDelay < WriteGrace.AfterHourEnds)
        {
            failures.Add($"{ArchiveOptions.SectionName}:ShipDelay ({options.ShipDelay}) must be at least {WriteGrace.AfterHourEnds}, the time an hour file stays writable after its hour ends.");
        }
        if (options.UsesBucket && !BucketName().IsMatch(options.Bucket!))
        {
            failures.Add($"{ArchiveOptions.SectionName}:Bucket '{options.Bucket}' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-').");
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{ArchiveOptions.SectionName}:ServiceUrl '{options.ServiceUrl}' is not an absolute http(s) URL.");
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !options.UsesBucket)
        {
            failures.Add($"{ArchiveOptions.SectionName}:ServiceUrl is set but {ArchiveOptions.SectionName}:Bucket is not.");
        }
        if (options.Prefix.Split('/').Any(segment => segment is "." or ".."))
        {
            failures.Add($"{ArchiveOptions.SectionName}:Prefix must not contain '.' or '..' segments.");
        }
        if (options.RetryMaxDelay < options.RetryInitialDelay)
        {
            failures.Add($"{ArchiveOptions.SectionName}:RetryMaxDelay must not be shorter than RetryInitialDelay.");
        }
        if (!options.UsesBucket && SameFolder(options.Directory, logs.Value.Directory))
        {
            failures.Add($"{ArchiveOptions.SectionName}:Directory must not be the logs directory.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();
}
