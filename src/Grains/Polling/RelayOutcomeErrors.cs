using Rainforest.Eagle;

namespace Rainforest.Grains.Polling;

/// <summary>What the relay's answer means for a user's status: the reason a poll logged no reading.</summary>
public static class RelayOutcomeErrors
{
    public static PollErrorKind ToPollError(this RelayOutcomeKind kind) => kind switch
    {
        RelayOutcomeKind.Reading => PollErrorKind.None,
        RelayOutcomeKind.CredentialsRejected => PollErrorKind.CredentialsRejected,
        RelayOutcomeKind.RelayError => PollErrorKind.RelayError,
        RelayOutcomeKind.HttpError => PollErrorKind.HttpError,
        RelayOutcomeKind.Timeout => PollErrorKind.Timeout,
        RelayOutcomeKind.Unreachable => PollErrorKind.Unreachable,
        RelayOutcomeKind.Malformed => PollErrorKind.Malformed,
        RelayOutcomeKind.MeterNotDelivering => PollErrorKind.MeterNotDelivering,
        RelayOutcomeKind.AddressRefused => PollErrorKind.AddressRefused,
        RelayOutcomeKind.ConnectionsBusy => PollErrorKind.ConnectionsBusy,
        _ => PollErrorKind.Incomplete,
    };
}
