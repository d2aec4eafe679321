using System.Globalization;
using System.Text;

namespace Rainforest.Domain.Tests.HourFiles;

/// <summary>
/// The record line writer skips building an escaped copy of a plain SuppressLeadingZero; every line it writes is
/// still byte for byte the line of the formatter it replaced (kept here as it was).
/// </summary>
public sealed class DemandRecordEquivalenceTests
{
    // The formatter as it was: Python json.dumps quoting of SuppressLeadingZero, always.
    private static string FormerLine(ulong deviceMacId, ulong meterMacId, ulong timeStamp, ulong demand, ulong multiplier,
        ulong divisor, ulong digitsRight, ulong digitsLeft, string? suppressLeadingZero) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"DeviceMacId\": {deviceMacId}, \"MeterMacId\": {meterMacId}, \"TimeStamp\": {timeStamp}, \"Demand\": {demand}, \"Multiplier\": {multiplier}, \"Divisor\": {divisor}, \"DigitsRight\": {digitsRight}, \"DigitsLeft\": {digitsLeft}, \"SuppressLeadingZero\": {FormerQuoted(suppressLeadingZero)}}}");

    private static string FormerQuoted(string? value)
    {
        value ??= string.Empty;
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < ' ' || c > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    public static TheoryData<ulong, ulong, ulong, ulong, ulong, ulong, ulong, ulong, string?> Readings => new()
    {
        // The canonical reading.
        { 15624597891882953451, 2112161845476631, 479325241, 944, 1, 1000, 3, 6, "Y" },
        // Negative demand as the gateway sends it: a 32-bit two's complement, logged raw.
        { 15624597891882953451, 2112161845476631, 479325241, 4294963632, 1, 1000, 3, 6, "N" },
        // Negative demand sign-extended to 64 bits, and the biggest MAC ids.
        { ulong.MaxValue, (1UL << 63) + 1, uint.MaxValue, ulong.MaxValue - 3663, 1, 1000, 3, 6, "Y" },
        // Zero multiplier and divisor, every other value zero too.
        { 0, 0, 0, 0, 0, 0, 0, 0, "N" },
        { 1, 2, 3, 0, 0, 0, 15, 15, "Y" },
        // SuppressLeadingZero as something other than Y or N: empty, missing, plain words, and escapes.
        { 1, 2, 3, 4, 5, 6, 7, 8, "" },
        { 1, 2, 3, 4, 5, 6, 7, 8, null },
        { 1, 2, 3, 4, 5, 6, 7, 8, "yes ~!@#$%^&*()_+{}|:<>?" },
        { 1, 2, 3, 4, 5, 6, 7, 8, "a\"b" },
        { 1, 2, 3, 4, 5, 6, 7, 8, "a\\b" },
        { 1, 2, 3, 4, 5, 6, 7, 8, "\t\n\r\b\f\u0001\u007f" },
        { 1, 2, 3, 4, 5, 6, 7, 8, "é\u20ac\ud83d\ude00" },
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public void Writes_every_reading_byte_for_byte_as_the_former_formatter(ulong deviceMacId, ulong meterMacId, ulong timeStamp,
        ulong demand, ulong multiplier, ulong divisor, ulong digitsRight, ulong digitsLeft, string? suppressLeadingZero)
    {
        var line = DemandRecord.Write(deviceMacId, meterMacId, timeStamp, demand, multiplier, divisor, digitsRight, digitsLeft, suppressLeadingZero);
        var former = FormerLine(deviceMacId, meterMacId, timeStamp, demand, multiplier, divisor, digitsRight, digitsLeft, suppressLeadingZero);

        Assert.Equal(Encoding.UTF8.GetBytes(former), Encoding.UTF8.GetBytes(line));
    }

    [Fact]
    public void Writes_many_random_readings_byte_for_byte_as_the_former_formatter()
    {
        var random = new Random(20150310);
        // Small, 32-bit and full 64-bit values alike.
        ulong Next() => (ulong)random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);

        string[] flags = ["Y", "N", "", "y", " Y ", "\"", "\u00e9"];
        for (var i = 0; i < 2000; i++)
        {
            var values = new ulong[8];
            for (var v = 0; v < 8; v++) values[v] = Next();
            var flag = flags[random.Next(flags.Length)];

            Assert.Equal(
                FormerLine(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], flag),
                DemandRecord.Write(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], flag));
        }
    }
}
