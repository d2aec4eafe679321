using Rainforest.Domain.HourFiles;

namespace Rainforest.Eagle.Local;

/// <summary>The fixed parts of an EAGLE-200 / EAGLE-3 local API request (<c>POST /cgi-bin/post_manager</c>, Basic auth).</summary>
public static class LocalApiProtocol
{
    public const string Path = "cgi-bin/post_manager";

    public const string CommandContentType = "text/xml";

    public const string DemandVariable = "zigbee:InstantaneousDemand";

    public const string SummationDeliveredVariable = "zigbee:CurrentSummationDelivered";
    public const string SummationReceivedVariable = "zigbee:CurrentSummationReceived";
    public const string PriceVariable = "zigbee:Price";
    public const string PriceCurrencyVariable = "zigbee:PriceCurrency";
    public const string RateLabelVariable = "zigbee:RateLabel";

    public const string DeviceListCommand = "<Command><Name>device_list</Name></Command>";

    /// <summary>The device_query for one meter's instantaneous demand.</summary>
    public static string DeviceQueryCommand(ulong hardwareAddress) =>
        "<Command><Name>device_query</Name>" +
        $"<DeviceDetails><HardwareAddress>0x{hardwareAddress:x16}</HardwareAddress></DeviceDetails>" +
        "<Components><Component><Name>Main</Name><Variables>" +
        $"<Variable><Name>{DemandVariable}</Name></Variable>" +
        "</Variables></Component></Components></Command>";

    /// <summary>The variables a captured kind reads: the summation registers, or the price, its currency and rate label.</summary>
    public static IReadOnlyList<string> CaptureVariables(RecordKind kind) => kind == RecordKind.Summation
        ? [SummationDeliveredVariable, SummationReceivedVariable]
        : [PriceVariable, PriceCurrencyVariable, RateLabelVariable];

    /// <summary>The device_query for one meter's variables of a captured kind.</summary>
    public static string CaptureQueryCommand(ulong hardwareAddress, RecordKind kind) =>
        "<Command><Name>device_query</Name>" +
        $"<DeviceDetails><HardwareAddress>0x{hardwareAddress:x16}</HardwareAddress></DeviceDetails>" +
        "<Components><Component><Name>Main</Name><Variables>" +
        string.Concat(CaptureVariables(kind).Select(v => $"<Variable><Name>{v}</Name></Variable>")) +
        "</Variables></Component></Components></Command>";
}
