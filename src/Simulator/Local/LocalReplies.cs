using System.Globalization;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Relay;

namespace Rainforest.Simulator.Local;

/// <summary>
/// An EAGLE-200's local API replies: device_list with a stale meter first, device_query with already-scaled
/// decimal values in the variant the account's firmware fault selects. <c>LastContact</c> is Unix time in hex.
/// </summary>
internal static class LocalReplies
{
    public const string ContentType = "text/xml";

    private const long UnixSecondsAt2000 = 946_684_800;

    public static readonly byte[] Unauthorized = Encode("<html><body><h1>401 Unauthorized</h1></body></html>\n");

    public static readonly byte[] UnknownCommand = Encode("<Error>\n  <Text>Unknown command</Text>\n</Error>\n");

    public static readonly byte[] UnknownDevice = Encode("<Error>\n  <Text>Device not found</Text>\n</Error>\n");

    public const string SummationVariable = "zigbee:CurrentSummationDelivered";
    public const string PriceVariable = "zigbee:Price";

    public static readonly byte[] CommandFailed = Encode("<Error>\n  <Text>Command failed</Text>\n</Error>\n");

    /// <summary>The summation variables, already scaled to kWh as the local API reports them.</summary>
    public static byte[] SummationQuery(ulong gateway, ulong meter, SummationReading r) => Encode(VariablesReply(gateway, meter, r.TimeStamp,
    [
        ("zigbee:CurrentSummationDelivered", string.Create(CultureInfo.InvariantCulture, $"{r.Delivered / 1000m:0.000}"), "kWh"),
        ("zigbee:CurrentSummationReceived", string.Create(CultureInfo.InvariantCulture, $"{r.Received / 1000m:0.000}"), "kWh"),
    ]));

    /// <summary>The price variables: a decimal price, its currency's letters, the rate label.</summary>
    public static byte[] PriceQuery(ulong gateway, ulong meter, PriceReading r) => Encode(VariablesReply(gateway, meter, r.TimeStamp,
    [
        ("zigbee:Price", string.Create(CultureInfo.InvariantCulture, $"{r.Price / 100m:0.00}"), "USD"),
        ("zigbee:PriceCurrency", "USD", null),
        ("zigbee:RateLabel", $"Block {r.Tier}", null),
    ]));

    private static string VariablesReply(ulong gateway, ulong meter, uint timeStamp, IReadOnlyList<(string Name, string Value, string? Units)> variables)
    {
        var builder = new StringBuilder(1200);
        builder.Append("<Device>\n  <DeviceDetails>\n");
        builder.Append("    <HardwareAddress>0x").Append(meter.ToString("x16", CultureInfo.InvariantCulture)).Append("</HardwareAddress>\n");
        builder.Append("    <NetworkInterface>0x").Append(gateway.ToString("x16", CultureInfo.InvariantCulture)).Append("</NetworkInterface>\n");
        builder.Append("    <ModelId>electric_meter</ModelId>\n");
        builder.Append("    <LastContact>0x").Append((timeStamp + (ulong)UnixSecondsAt2000).ToString("x8", CultureInfo.InvariantCulture)).Append("</LastContact>\n");
        builder.Append("    <ConnectionStatus>Connected</ConnectionStatus>\n");
        builder.Append("  </DeviceDetails>\n  <Components>\n    <Component>\n      <Name>Main</Name>\n      <Variables>\n");
        foreach (var (name, value, units) in variables)
        {
            builder.Append("        <Variable>\n          <Name>").Append(name).Append("</Name>\n          <Value>").Append(value).Append("</Value>\n");
            if (units is not null) builder.Append("          <Units>").Append(units).Append("</Units>\n");
            builder.Append("        </Variable>\n");
        }
        builder.Append("      </Variables>\n    </Component>\n  </Components>\n</Device>\n");
        return builder.ToString();
    }

    /// <summary>A meter that was paired once and is gone: listed first, never contacted.</summary>
    public static ulong StaleMeter(ulong meter) => meter ^ 0x0000_0000_00ff_0000UL;

    /// <summary>The meter a <see cref="SimulatedFault.MeterReplaced"/> gateway has now.</summary>
    public static ulong ReplacementMeter(ulong meter) => meter ^ 0x0000_0000_0000_0f00UL;

    public static byte[] DeviceList(ulong meter, DateTimeOffset now)
    {
        var builder = new StringBuilder(800);
        builder.Append("<DeviceList>\n");
        Device(builder, StaleMeter(meter), 0, "Not joined");
        Device(builder, meter, (ulong)now.ToUnixTimeSeconds(), "Connected");
        builder.Append("</DeviceList>\n");
        return Encode(builder.ToString());
    }

    /// <param name="reading">The meter's reading; its TimeStamp (2000-based) becomes LastContact (Unix).</param>
    public static byte[] DeviceQuery(ulong gateway, ulong meter, DemandReading reading, SimulatedFault fault)
    {
        var lastContact = fault == SimulatedFault.NotDelivering ? 0UL : reading.TimeStamp + (ulong)UnixSecondsAt2000;
        var builder = new StringBuilder(1200);
        builder.Append("<Device>\n  <DeviceDetails>\n");
        builder.Append("    <Name>Power Meter</Name>\n");
        builder.Append("    <HardwareAddress>0x").Append(meter.ToString("x16", CultureInfo.InvariantCulture)).Append("</HardwareAddress>\n");
        builder.Append("    <NetworkInterface>0x").Append(gateway.ToString("x16", CultureInfo.InvariantCulture)).Append("</NetworkInterface>\n");
        builder.Append("    <Protocol>Zigbee</Protocol>\n    <NetworkAddress>0x0000</NetworkAddress>\n");
        builder.Append("    <Manufacturer>Generic</Manufacturer>\n    <ModelId>electric_meter</ModelId>\n");
        builder.Append("    <LastContact>0x").Append(lastContact.ToString("x8", CultureInfo.InvariantCulture)).Append("</LastContact>\n");
        builder.Append("    <ConnectionStatus>Connected</ConnectionStatus>\n");
        builder.Append("  </DeviceDetails>\n  <Components>\n    <Component>\n      <HardwareId>0x0</HardwareId>\n");
        builder.Append("      <FixedId>0</FixedId>\n      <Name>Main</Name>\n      <Variables>\n");
        if (fault != SimulatedFault.MissingFields)
        {
            var (value, units) = Demand(reading, fault);
            builder.Append("        <Variable>\n          <Name>zigbee:InstantaneousDemand</Name>\n");
            builder.Append("          <Value>").Append(value).Append("</Value>\n");
            if (units is not null) builder.Append("          <Units>").Append(units).Append("</Units>\n");
            builder.Append("          <Description>Instantaneous Demand</Description>\n        </Variable>\n");
        }
        builder.Append("      </Variables>\n    </Component>\n  </Components>\n</Device>\n");
        return Encode(builder.ToString());
    }

    /// <summary>A device the gateway knows but cannot read (the stale meter): every value empty.</summary>
    public static byte[] EmptyDeviceQuery(ulong gateway, ulong meter) =>
        DeviceQuery(gateway, meter, default, SimulatedFault.NotDelivering);

    private static (string Value, string? Units) Demand(DemandReading reading, SimulatedFault fault)
    {
        var signed = (int)reading.Demand; // the meter's 32-bit field, in W
        return fault switch
        {
            SimulatedFault.NotDelivering => ("", ""),
            SimulatedFault.UnitsInline => (string.Create(CultureInfo.InvariantCulture, $"{signed / 1000m:0.000} kW"), null),
            // The firmware divides the unsigned field: a negative demand comes out near 4294967.296.
            SimulatedFault.WrappedNegative => (string.Create(CultureInfo.InvariantCulture, $"{reading.Demand / 1000m:0.000000}"), "kW"),
            _ => (string.Create(CultureInfo.InvariantCulture, $"{signed / 1000m:0.000000}"), "kW"),
        };
    }

    private static void Device(StringBuilder builder, ulong address, ulong lastContact, string status)
    {
        builder.Append("  <Device>\n");
        builder.Append("    <HardwareAddress>0x").Append(address.ToString("x16", CultureInfo.InvariantCulture)).Append("</HardwareAddress>\n");
        builder.Append("    <Manufacturer>Generic</Manufacturer>\n    <ModelId>electric_meter</ModelId>\n    <Protocol>Zigbee</Protocol>\n");
        builder.Append("    <LastContact>0x").Append(lastContact.ToString("x8", CultureInfo.InvariantCulture)).Append("</LastContact>\n");
        builder.Append("    <ConnectionStatus>").Append(status).Append("</ConnectionStatus>\n");
        builder.Append("    <NetworkAddress>0x0000</NetworkAddress>\n  </Device>\n");
    }

    private static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);
}
