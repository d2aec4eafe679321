using Rainforest.Domain.Readings;
using Rainforest.Eagle.Local;

namespace Rainforest.Eagle.Tests;

/// <summary>What each firmware's device_query reply becomes: the kW the gateway reported, decoded like a relay line.</summary>
public sealed class LocalReplyParserTests
{
    private const ulong Meter = 0x000781000081fd0bUL;
    private const ulong Gateway = 0xd8d5b90000002aebUL;
    private const uint LastContact = 0x6790a5c0; // 2025-01-22T08:00:00Z

    [Theory]
    [InlineData("<Value>2.790000</Value><Units>kW</Units>", 2.790)]
    [InlineData("<Value>21.499 kW</Value>", 21.499)]
    [InlineData("<Value>4294963.584000</Value><Units>kW</Units>", -3.712)]
    [InlineData("<Value>4294963.584000 kW</Value>", -3.712)]
    [InlineData("<Value>-0.250</Value><Units>kW</Units>", -0.250)]
    [InlineData("<Value>0.000000</Value><Units>kW</Units>", 0.0)]
    [InlineData("<Value>9000.123456</Value><Units>kW</Units>", 9000.1235)]
    [InlineData("<Value>1.0005</Value>", 1.001)]
    public void Every_firmware_variant_decodes_to_the_reported_kilowatts(string variable, double kilowatts)
    {
        var outcome = LocalReplyParser.ParseDeviceQuery(Reply(variable), Meter);

        Assert.True(outcome.IsReading, outcome.Detail);
        var reading = outcome.Reading;
        var decoded = DemandOf(reading);
        Assert.Equal(kilowatts, decoded, precision: 4);
        Assert.Equal(Meter, reading.MeterMacId);
        Assert.Equal(Gateway, reading.DeviceMacId);
        // LastContact is Unix time; the record's TimeStamp counts from 2000.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(LastContact), reading.GatewayTime);
    }

    [Fact]
    public void A_negative_demand_is_a_32_bit_twos_complement_over_divisor_1000()
    {
        var reading = LocalReplyParser.ParseDeviceQuery(Reply("<Value>4294963.584000</Value><Units>kW</Units>"), Meter).Reading!;

        Assert.Equal(0xfffff180UL, reading.Demand);
        Assert.Equal(1000UL, reading.Divisor);
        Assert.Equal(1UL, reading.Multiplier);
        Assert.Equal(3UL, reading.DigitsRight);
        Assert.Equal(-3.712, reading.DemandKilowatts, precision: 6);
    }

    [Theory]
    [InlineData("<Value></Value><Units></Units>")]
    [InlineData("<Value />")]
    [InlineData("<Value>   </Value><Units>kW</Units>")]
    public void Empty_values_mean_the_meter_is_not_delivering_never_zero(string variable)
    {
        var outcome = LocalReplyParser.ParseDeviceQuery(Reply(variable), Meter);

        Assert.Equal(RelayOutcomeKind.MeterNotDelivering, outcome.Kind);
        Assert.Null(outcome.Reading);
    }

    [Theory]
    [InlineData("<Value>invalid</Value><Units>kW</Units>", RelayOutcomeKind.Malformed)]
    [InlineData("<Value>2.5</Value><Units>W</Units>", RelayOutcomeKind.Malformed)]
    [InlineData("<Value>2.5 MW</Value>", RelayOutcomeKind.Malformed)]
    public void A_value_that_is_not_kilowatts_is_refused(string variable, RelayOutcomeKind kind) =>
        Assert.Equal(kind, LocalReplyParser.ParseDeviceQuery(Reply(variable), Meter).Kind);

    [Fact]
    public void Without_the_gateways_own_mac_the_device_mac_is_zero()
    {
        var body = Reply("<Value>1.5</Value><Units>kW</Units>").Replace($"<NetworkInterface>0x{Gateway:x16}</NetworkInterface>", "", StringComparison.Ordinal);

        Assert.Equal(0UL, LocalReplyParser.ParseDeviceQuery(body, Meter).Reading!.DeviceMacId);
    }

    [Fact]
    public void The_device_list_skips_a_stale_meter_listed_first()
    {
        const string list = """
            <DeviceList>
              <Device><HardwareAddress>0x0007810000000001</HardwareAddress><ModelId>electric_meter</ModelId>
                <LastContact>0x00000000</LastContact><ConnectionStatus>Not joined</ConnectionStatus></Device>
              <Device><HardwareAddress>0x0007810000000002</HardwareAddress><ModelId>electric_meter</ModelId>
                <LastContact>0x00000000</LastContact><ConnectionStatus>Connected</ConnectionStatus></Device>
              <Device><HardwareAddress>0x000781000081fd0b</HardwareAddress><ModelId>electric_meter</ModelId>
                <LastContact>0x6790a5c0</LastContact><ConnectionStatus>Connected</ConnectionStatus></Device>
            </DeviceList>
            """;

        var (meter, failure) = LocalReplyParser.ParseDeviceList(list);

        Assert.Null(failure);
        Assert.Equal(Meter, meter);
    }

    [Fact]
    public void A_device_list_without_a_connected_meter_is_a_meter_not_delivering()
    {
        const string list = "<DeviceList><Device><HardwareAddress>0x01</HardwareAddress><LastContact>0x00000000</LastContact>" +
            "<ConnectionStatus>Not joined</ConnectionStatus></Device></DeviceList>";

        Assert.Equal(RelayOutcomeKind.MeterNotDelivering, LocalReplyParser.ParseDeviceList(list).Failure?.Kind);
    }

    private static double DemandOf(InstantaneousDemand reading) =>
        GatewayDemand.Kilowatts(reading.Demand, reading.Multiplier, reading.Divisor);

    private static string Reply(string variable) => $"""
        <Device>
          <DeviceDetails>
            <Name>Power Meter</Name>
            <HardwareAddress>0x{Meter:x16}</HardwareAddress>
            <NetworkInterface>0x{Gateway:x16}</NetworkInterface>
            <LastContact>0x{LastContact:x8}</LastContact>
            <ConnectionStatus>Connected</ConnectionStatus>
          </DeviceDetails>
          <Components><Component><Name>Main</Name><Variables>
            <Variable><Name>zigbee:InstantaneousDemand</Name>{variable}<Description>Instantaneous Demand</Description></Variable>
          </Variables></Component></Components>
        </Device>
        """;
}
