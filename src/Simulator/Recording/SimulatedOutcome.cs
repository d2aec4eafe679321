namespace Rainforest.Simulator.Recording;

/// <summary>What the simulator did with one relay request.</summary>
public enum SimulatedOutcome : byte
{
    /// <summary>Still being served (or hanging).</summary>
    Pending,

    /// <summary>A well-formed reading (including export, repeated, backwards and slow ones).</summary>
    Reading,

    /// <summary>A reading without its Demand field.</summary>
    MissingFields,

    /// <summary>A reply cut short, not well-formed.</summary>
    Truncated,

    /// <summary>An HTML page or random bytes.</summary>
    Garbage,

    /// <summary>HTTP 503.</summary>
    Unavailable,

    /// <summary>The authentication <c>&lt;Error&gt;</c>: unknown Cloud ID, wrong credentials or that fault.</summary>
    AuthFailed,

    /// <summary>The <c>&lt;Error&gt;</c> for an unknown command or an unreadable body.</summary>
    UnknownCommand,

    /// <summary>The client gave up (or the simulator stopped) before an answer was sent.</summary>
    Abandoned,

    /// <summary>A local API device_list.</summary>
    DeviceList,

    /// <summary>A local API device_query whose values are all empty (the meter is not delivering).</summary>
    NotDelivering,

    /// <summary>A local API device_query for a device the gateway does not have.</summary>
    UnknownDevice,

    /// <summary>A get_current_summation reply (or a local query for the summation variables).</summary>
    Summation,

    /// <summary>A get_price reply (or a local query for the price variables).</summary>
    Price,

    /// <summary>The <c>&lt;Error&gt;</c> a get_price gets under the price-error fault.</summary>
    PriceError,
}
