namespace Rainforest.Eagle;

/// <summary>
/// The classified result of one relay request. <see cref="Reading"/> is set only for
/// <see cref="RelayOutcomeKind.Reading"/>; <see cref="Detail"/> is a short human reason for every other kind.
/// </summary>
public sealed record RelayOutcome(RelayOutcomeKind Kind, InstantaneousDemand? Reading, string? Detail, int? HttpStatus = null)
{
    [MemberNotNullWhen(true, nameof(Reading))]
    public bool IsReading => Kind == RelayOutcomeKind.Reading && Reading is not null;

    /// <summary>For a summation or price request: the record line of the reading (<see cref="CapturedReading"/>).</summary>
    public string? CapturedLine { get; init; }

    [MemberNotNullWhen(true, nameof(CapturedLine))]
    public bool IsCaptured => Kind == RelayOutcomeKind.Reading && CapturedLine is not null;

    public static RelayOutcome Captured(string line)
    {
        ArgumentException.ThrowIfNullOrEmpty(line);
        return new(RelayOutcomeKind.Reading, null, null) { CapturedLine = line };
    }

    public static RelayOutcome Success(InstantaneousDemand reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new(RelayOutcomeKind.Reading, reading, null);
    }

    public static RelayOutcome CredentialsRejected(string detail, int? httpStatus = null) =>
        new(RelayOutcomeKind.CredentialsRejected, null, detail, httpStatus);

    public static RelayOutcome RelayError(string detail) => new(RelayOutcomeKind.RelayError, null, detail);

    public static RelayOutcome HttpError(int httpStatus, string? detail = null) =>
        new(RelayOutcomeKind.HttpError, null, detail ?? $"relay answered HTTP {httpStatus}", httpStatus);

    public static RelayOutcome Timeout(string detail) => new(RelayOutcomeKind.Timeout, null, detail);

    public static RelayOutcome Unreachable(string detail) => new(RelayOutcomeKind.Unreachable, null, detail);

    /// <summary>A reply we cannot use; the start of <paramref name="body"/> is quoted in the detail (escaped).</summary>
    public static RelayOutcome Malformed(string reason, string? body = null) =>
        new(RelayOutcomeKind.Malformed, null, WithBodyPreview(reason, body));

    /// <summary>A well-formed reply missing fields; the start of <paramref name="body"/> is quoted in the detail (escaped).</summary>
    public static RelayOutcome Incomplete(string reason, string? body = null) =>
        new(RelayOutcomeKind.Incomplete, null, WithBodyPreview(reason, body));

    public static RelayOutcome MeterNotDelivering(string detail) => new(RelayOutcomeKind.MeterNotDelivering, null, detail);

    public static RelayOutcome AddressRefused(string detail) => new(RelayOutcomeKind.AddressRefused, null, detail);

    public static RelayOutcome ConnectionsBusy(string detail) => new(RelayOutcomeKind.ConnectionsBusy, null, detail);

    private static string WithBodyPreview(string reason, string? body) =>
        body is null ? reason : $"{reason}; body starts \"{TextPreview.Of(body)}\"";
}
