namespace Rainforest.Simulator.Faults;

/// <summary>How an account's gateway misbehaves; what the field has shown relay clients must survive.</summary>
public enum SimulatedFault
{
    /// <summary>Correct readings.</summary>
    None,

    /// <summary>Always the authentication <c>&lt;Error&gt;</c>, whatever credentials are sent.</summary>
    WrongCredentials,

    /// <summary>HTTP 503 with an empty or short body.</summary>
    Unavailable,

    /// <summary>Accepts the request and never answers until the client gives up.</summary>
    Hang,

    /// <summary>A valid reply cut in the middle of an element (60% of its bytes), status 200.</summary>
    Truncated,

    /// <summary>An HTML error page or random bytes, status 200.</summary>
    Garbage,

    /// <summary>A reply without <c>&lt;Demand&gt;</c>.</summary>
    MissingFields,

    /// <summary>Solar export: a negative demand sent as a huge unsigned 32-bit value (e.g. 0xfffff1b0).</summary>
    Export,

    /// <summary>Correct readings after the account's delay (2 s when none is set).</summary>
    Slow,

    /// <summary>The identical reading again and again (same TimeStamp and Demand).</summary>
    Repeat,

    /// <summary>Every reply's TimeStamp is earlier than the previous one.</summary>
    Backwards,

    /// <summary>Every other request (the 2nd, 4th, …) gets a 503.</summary>
    Flaky,

    /// <summary>Local API firmware that puts the units in the value (<c>&lt;Value&gt;21.499 kW&lt;/Value&gt;</c>, no &lt;Units&gt;).</summary>
    UnitsInline,

    /// <summary>Local API firmware that reports solar export wrapped to unsigned (<c>4294963.584000</c> kW = -3.712 kW).</summary>
    WrappedNegative,

    /// <summary>Local API: the meter is not delivering, every value of a device_query is empty.</summary>
    NotDelivering,

    /// <summary>Local API: the meter was replaced; the meter a client remembers is gone and device_list names a new one.</summary>
    MeterReplaced,

    /// <summary>get_price (and the local API's price variables) answered with an <c>&lt;Error&gt;</c>; demand and summation as usual.</summary>
    PriceError,
}
