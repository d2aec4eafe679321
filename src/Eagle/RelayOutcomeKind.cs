namespace Rainforest.Eagle;

/// <summary>How one request for a reading ended, to the cloud relay or to a gateway's local API.</summary>
public enum RelayOutcomeKind
{
    /// <summary>A complete, well-formed reading.</summary>
    Reading,
    /// <summary>The relay refused the Cloud ID, user or password (HTTP 401/403 or an authentication &lt;Error&gt;).</summary>
    CredentialsRejected,
    /// <summary>The relay answered with an &lt;Error&gt; that is not about credentials.</summary>
    RelayError,
    /// <summary>A non-2xx HTTP status other than 401/403.</summary>
    HttpError,
    /// <summary>No complete reply within the request timeout.</summary>
    Timeout,
    /// <summary>The relay could not be reached: DNS, connection refused, TLS failure, connection dropped.</summary>
    Unreachable,
    /// <summary>A reply that is not a parseable InstantaneousDemand (invalid, truncated, too large, wrong root, non-hex value).</summary>
    Malformed,
    /// <summary>A well-formed InstantaneousDemand lacking one or more of the nine fields, or with an empty value.</summary>
    Incomplete,
    /// <summary>A local gateway answered, but with empty values (or no connected meter): nothing to log.</summary>
    MeterNotDelivering,
    /// <summary>A local gateway's host resolved only to addresses outside the allowed networks; nothing was connected to.</summary>
    AddressRefused,
    /// <summary>Every gateway connection this silo may open (its descriptor budget) was busy; nothing was sent.</summary>
    ConnectionsBusy,
}
