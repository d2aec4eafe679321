using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: <c>{"user_email": …, "user_pw": …}</c>, as the original accepted, for a
/// relay user (<c>"source": "relay"</c>, the default), or <c>{"source": "local", "gateway_url": …, "install_code": …}</c>
/// (<c>user_email</c> optional) for a gateway whose local API the silo polls, or <c>{"source": "push"}</c> (<c>user_email</c>
/// optional; <c>"new_upload_url": true</c> replaces the Uploader secret) for a gateway that uploads its readings.
/// Bound by the framework with the strict JSON options of <see cref="RequestBinding"/> (a field of the wrong type is
/// refused, not coerced; a field given twice is refused) and validated before the handler runs. Unknown fields
/// are ignored, as the original import files carry extras.
/// The counters are numbers only (the web defaults would read <c>"12"</c> as 12). For a migration only, <c>total_events_logged</c>, <c>first_timestamp</c> and <c>last_timestamp</c> (Unix
/// seconds) carry the counters the user had in the old system; they are taken only by a user that has logged
/// nothing here yet.
/// </summary>
public sealed record UserRegistrationBody(
    [property: EmailShaped] string? UserEmail,
    [property: RelayPassword] string? UserPw,
    [property: Range(0, long.MaxValue, ErrorMessage = "total_events_logged must be 0 or more."), JsonNumberHandling(JsonNumberHandling.Strict)]
    long? TotalEventsLogged = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? FirstTimestamp = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? LastTimestamp = null,
    string? Source = null,
    string? GatewayUrl = null,
    string? InstallCode = null,
    bool? NewUploadUrl = null) : IValidatableObject
{
    public const string RelaySource = "relay";
    public const string LocalSource = "local";
    public const string PushSource = "push";

    private bool IsLocal => Source == LocalSource;

    public bool IsPush => Source == PushSource;

    /// <summary>
    /// Only called once validation passed, so the source's fields are there. A push user's registration carries the
    /// hash of a fresh Uploader secret, taken only when the user becomes a push user or asks for a new URL.
    /// </summary>
    public UserRegistration ToRegistration(string? uploadSecretHash = null)
    {
        var counters = TotalEventsLogged is { } total ? new MigratedCounters(total, FirstTimestamp, LastTimestamp) : null;
        if (IsPush) return UserRegistration.Push(uploadSecretHash!, UserEmail?.Trim() ?? "", NewUploadUrl == true, counters);
        return IsLocal
            ? UserRegistration.Local(GatewayUrl!, InstallCode!, UserEmail?.Trim() ?? "", counters)
            : new UserRegistration(UserEmail!.Trim(), UserPw!, counters);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in SourceRules()) yield return error;
        var now = (validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System).GetUtcNow();
        foreach (var error in MigratedCounterRules.Check(TotalEventsLogged, FirstTimestamp, LastTimestamp, now)) yield return error;
    }

    // What each source needs; the install code is a secret, so no message ever repeats it.
    private IEnumerable<ValidationResult> SourceRules()
    {
        if (Source is not (null or RelaySource or LocalSource or PushSource))
        {
            yield return new ValidationResult($"source must be \"{RelaySource}\" (the default), \"{LocalSource}\" or \"{PushSource}\".", [nameof(Source)]);
            yield break;
        }
        if (NewUploadUrl is not null && !IsPush)
        {
            yield return new ValidationResult("new_upload_url is for push users only.", [nameof(NewUploadUrl)]);
        }
        if (IsPush) yield break;
        if (!IsLocal)
        {
            if (UserEmail is null) yield return new ValidationResult("user_email is required.", [nameof(UserEmail)]);
            if (UserPw is null) yield return new ValidationResult("user_pw is required.", [nameof(UserPw)]);
            yield break;
        }
        if (!Domain.Users.GatewayUrl.TryParse(GatewayUrl, out _))
        {
            yield return new ValidationResult(GatewayUrl is null ? "gateway_url is required for a local gateway." : Domain.Users.GatewayUrl.Rule, [nameof(GatewayUrl)]);
        }
        if (!Domain.Users.InstallCode.IsValid(InstallCode))
        {
            yield return new ValidationResult(InstallCode is null ? "install_code is required for a local gateway." : Domain.Users.InstallCode.Rule, [nameof(InstallCode)]);
        }
    }
}

/// <summary>
/// What migrated counters must look like: the three together (timestamps only when something was logged), each
/// timestamp a Unix time that is not negative and not in the future, the first no later than the last.
/// </summary>
public static class MigratedCounterRules
{
    public static IEnumerable<ValidationResult> Check(long? total, double? first, double? last, DateTimeOffset now)
    {
        if (total is null)
        {
            if (first is not null || last is not null)
            {
                yield return Error("total_events_logged is required with first_timestamp and last_timestamp.", nameof(UserRegistrationBody.TotalEventsLogged));
            }
            yield break;
        }
        if (total == 0)
        {
            if (first is not null || last is not null)
            {
                yield return Error("first_timestamp and last_timestamp must be null when total_events_logged is 0.",
                    nameof(UserRegistrationBody.FirstTimestamp), nameof(UserRegistrationBody.LastTimestamp));
            }
            yield break;
        }

        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        var firstValid = CheckTime(first, "first_timestamp", nameof(UserRegistrationBody.FirstTimestamp), nowSeconds, out var firstError);
        var lastValid = CheckTime(last, "last_timestamp", nameof(UserRegistrationBody.LastTimestamp), nowSeconds, out var lastError);
        if (firstError is not null) yield return firstError;
        if (lastError is not null) yield return lastError;
        if (firstValid && lastValid && first > last)
        {
            yield return Error("first_timestamp must not be later than last_timestamp.",
                nameof(UserRegistrationBody.FirstTimestamp), nameof(UserRegistrationBody.LastTimestamp));
        }
    }

    private static bool CheckTime(double? value, string name, string member, double nowSeconds, out ValidationResult? error)
    {
        error = value switch
        {
            null => Error($"{name} is required when total_events_logged is above 0.", member),
            < 0 => Error($"{name} must be Unix seconds, 0 or more.", member),
            var v when v > nowSeconds => Error($"{name} must not be in the future.", member),
            _ => null,
        };
        return error is null;
    }

    private static ValidationResult Error(string message, params string[] members) => new(message, members);
}
