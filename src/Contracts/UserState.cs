namespace Rainforest.Contracts;

/// <summary>Where a user's polling stands, as an operator needs to see it.</summary>
public enum PollingState
{
    /// <summary>Polled every six seconds, last poll succeeded (or none yet).</summary>
    Polling,
    /// <summary>Recent polls failed; retried with back-off.</summary>
    Failing,
    /// <summary>The relay rejected the credentials; retried slowly until the user is updated.</summary>
    CredentialsRejected,
    /// <summary>Not polled (deleted).</summary>
    Paused,
}

/// <summary>Why a poll did not produce a logged reading.</summary>
public enum PollErrorKind
{
    None,
    CredentialsRejected,
    RelayError,
    HttpError,
    Timeout,
    Unreachable,
    Malformed,
    Incomplete,
    StaleReading,
    WriteFailed,
    /// <summary>A local gateway answered with empty values: its meter is not delivering readings.</summary>
    MeterNotDelivering,
    /// <summary>A local gateway's address resolved outside the networks this cluster may connect to.</summary>
    AddressRefused,
    /// <summary>A push user's gateway has uploaded no reading for longer than the configured silence.</summary>
    Silent,
    /// <summary>Every gateway connection this silo may open was busy (its descriptor budget); the gateway was not asked.</summary>
    ConnectionsBusy,
}
