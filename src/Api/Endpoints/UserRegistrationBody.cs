using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Rainforest.Api.Endpoints;

/// <summary>
/// The body of <c>POST /api/users/{cloud_id}</c>: <c>{"user_email": …, "user_pw": …}</c>, as the original accepted.
/// Bound by the framework with the strict JSON options of <see cref="RequestBinding"/> (a field of the wrong type is
/// refused, not coerced; a field given twice is refused) and validated before the handler runs. Unknown fields
/// are ignored, as the original import files carry extras.
/// The counters are numbers only (the web defaults would read <c>"12"</c> as 12). For a migration only, <c>total_events_logged</c>, <c>first_timestamp</c> and <c>last_timestamp</c> (Unix
/// seconds) carry the counters the user had in the old system; they are taken only by a user that has logged
/// nothing here yet.
/// </summary>
public sealed record UserRegistrationBody(
    [property: Required(ErrorMessage = "user_email is required."), EmailShaped] string? UserEmail,
    [property: Required(AllowEmptyStrings = true, ErrorMessage = "user_pw is required."), RelayPassword] string? UserPw,
    [property: Range(0, long.MaxValue, ErrorMessage = "total_events_logged must be 0 or more."), JsonNumberHandling(JsonNumberHandling.Strict)]
    long? TotalEventsLogged = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? FirstTimestamp = null,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? LastTimestamp = null) : IValidatableObject
{
    /// <summary>Only called once validation passed, so both fields are there.</summary>
    public UserRegistration ToRegistration() => new(UserEmail!.Trim(), UserPw!,
        TotalEventsLogged is { } total ? new MigratedCounters(total, FirstTimestamp, LastTimestamp) : null);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var now = (validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System).GetUtcNow();
        return MigratedCounterRules.Check(TotalEventsLogged, FirstTimestamp, LastTimestamp, now);
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
