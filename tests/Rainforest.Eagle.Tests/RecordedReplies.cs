namespace Rainforest.Eagle.Tests;

/// <summary>Relay reply bodies as they arrive on the wire, one per field variation.</summary>
public static class RecordedReplies
{
    /// <summary>The reply in the protocol notes: 0.944 kW at 2015-03-10T17:54:01Z.</summary>
    public const string Canonical =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Demand>0x0003b0</Demand>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <Divisor>0x000003e8</Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "</InstantaneousDemand>\n";

    public const string CanonicalRecordLine =
        "{\"DeviceMacId\": 15624597891882953451, \"MeterMacId\": 2112161845476631, \"TimeStamp\": 479325241, " +
        "\"Demand\": 944, \"Multiplier\": 1, \"Divisor\": 1000, \"DigitsRight\": 3, \"DigitsLeft\": 6, " +
        "\"SuppressLeadingZero\": \"Y\"}";

    public const string Crlf =
        "<InstantaneousDemand>\r\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\r\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\r\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\r\n" +
        "  <Demand>0x0003b0</Demand>\r\n" +
        "  <Multiplier>0x00000001</Multiplier>\r\n" +
        "  <Divisor>0x000003e8</Divisor>\r\n" +
        "  <DigitsRight>0x03</DigitsRight>\r\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\r\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\r\n" +
        "</InstantaneousDemand>\r\n";

    public const string LeadingAndTrailingWhitespace = "\r\n \t" + Crlf + "\r\n\r\n  ";

    public const string DeclarationAndBom =
        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" + Crlf;

    public const string ReorderedWithExtras =
        "<InstantaneousDemand>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "  <Demand>0x0003b0</Demand>\n" +
        "  <Port>/dev/ttySP0</Port>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Divisor>0x000003e8</Divisor>\n" +
        "  <Extra><Nested>0x01</Nested></Extra>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\n" +
        "</InstantaneousDemand>";

    public const string WithoutHexPrefix =
        "<InstantaneousDemand>" +
        "<DeviceMacId>d8d5b90000002aeb</DeviceMacId>" +
        "<MeterMacId>000781000081fd17</MeterMacId>" +
        "<TimeStamp>1c91ec39</TimeStamp>" +
        "<Demand>0003B0</Demand>" +
        "<Multiplier>00000001</Multiplier>" +
        "<Divisor>000003E8</Divisor>" +
        "<DigitsRight>03</DigitsRight>" +
        "<DigitsLeft>06</DigitsLeft>" +
        "<SuppressLeadingZero>Y</SuppressLeadingZero>" +
        "</InstantaneousDemand>";

    public const string PaddedValues =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>\n    0xd8d5b90000002aeb\n  </DeviceMacId>\n" +
        "  <MeterMacId> 0x000781000081fd17 </MeterMacId>\n" +
        "  <TimeStamp>\t0x1c91ec39</TimeStamp>\n" +
        "  <Demand>0x0003b0 </Demand>\n" +
        "  <Multiplier> 0x00000001</Multiplier>\n" +
        "  <Divisor>0X000003E8</Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero> Y </SuppressLeadingZero>\n" +
        "</InstantaneousDemand>";

    public const string UpperCaseNames =
        "<INSTANTANEOUSDEMAND>\r\n" +
        "<DEVICEMACID>0xd8d5b90000002aeb</DEVICEMACID>\r\n" +
        "<METERMACID>0x000781000081fd17</METERMACID>\r\n" +
        "<TIMESTAMP>0x1c91ec39</TIMESTAMP>\r\n" +
        "<DEMAND>0x0003b0</DEMAND>\r\n" +
        "<MULTIPLIER>0x00000001</MULTIPLIER>\r\n" +
        "<DIVISOR>0x000003e8</DIVISOR>\r\n" +
        "<DIGITSRIGHT>0x03</DIGITSRIGHT>\r\n" +
        "<DIGITSLEFT>0x06</DIGITSLEFT>\r\n" +
        "<SUPPRESSLEADINGZERO>Y</SUPPRESSLEADINGZERO>\r\n" +
        "</INSTANTANEOUSDEMAND>\r\n";

    public const string LowerCaseNames =
        "<instantaneousdemand>\n" +
        "<devicemacid>0xd8d5b90000002aeb</devicemacid>\n" +
        "<metermacid>0x000781000081fd17</metermacid>\n" +
        "<timestamp>0x1c91ec39</timestamp>\n" +
        "<demand>0x0003b0</demand>\n" +
        "<multiplier>0x00000001</multiplier>\n" +
        "<divisor>0x000003e8</divisor>\n" +
        "<digitsright>0x03</digitsright>\n" +
        "<digitsleft>0x06</digitsleft>\n" +
        "<suppressleadingzero>Y</suppressleadingzero>\n" +
        "</instantaneousdemand>\n";

    public const string Json =
        "{\"InstantaneousDemand\": {\r\n" +
        "  \"DeviceMacId\": \"0xd8d5b90000002aeb\",\r\n" +
        "  \"MeterMacId\": \"0x000781000081fd17\",\r\n" +
        "  \"TimeStamp\": \"0x1c91ec39\",\r\n" +
        "  \"Demand\": \"0x0003b0\",\r\n" +
        "  \"Multiplier\": \"0x00000001\",\r\n" +
        "  \"Divisor\": \"0x000003e8\",\r\n" +
        "  \"DigitsRight\": \"0x03\",\r\n" +
        "  \"DigitsLeft\": \"0x06\",\r\n" +
        "  \"SuppressLeadingZero\": \"Y\"\r\n" +
        "}}\r\n";

    public const string JsonWithoutOuterBraces =
        "\"InstantaneousDemand\": {\"SuppressLeadingZero\": \"Y\", \"DigitsLeft\": \"0x06\", \"DigitsRight\": \"0x03\", " +
        "\"Divisor\": \"0x000003e8\", \"Multiplier\": \"0x00000001\", \"Demand\": \"0x0003b0\", \"TimeStamp\": \"0x1c91ec39\", " +
        "\"MeterMacId\": \"0x000781000081fd17\", \"DeviceMacId\": \"0xd8d5b90000002aeb\"}\n";

    public const string JsonNumericValue =
        "{\"InstantaneousDemand\": {\"DeviceMacId\": \"0xd8d5b90000002aeb\", \"MeterMacId\": \"0x000781000081fd17\", " +
        "\"TimeStamp\": \"0x1c91ec39\", \"Demand\": 944, \"Multiplier\": \"0x00000001\", \"Divisor\": \"0x000003e8\", " +
        "\"DigitsRight\": \"0x03\", \"DigitsLeft\": \"0x06\", \"SuppressLeadingZero\": \"Y\"}}";

    public const string TruncatedJson =
        "{\"InstantaneousDemand\": {\"DeviceMacId\": \"0xd8d5b90000002aeb\", \"MeterMacId\": \"0x0007810";

    public const string CredentialsError = "<Error>\r\n  <Text>Invalid User or Password</Text>\r\n</Error>\r\n";

    public const string AuthenticationErrorLowerCase = "<error>authentication failed</error>";

    public const string OtherError = "<Error>\n  <Text>Meter not connected</Text>\n</Error>\n";

    public const string EmptyError = "<Error/>";

    public const string JsonCredentialsError = "{\"Error\": {\"Text\": \"Unauthorised\"}}";

    public const string Truncated =
        "<InstantaneousDemand>\r\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\r\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\r\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\r\n" +
        "  <Demand>0x0003";

    public const string MissingDemand =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <Divisor>0x000003e8</Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "</InstantaneousDemand>\n";

    public const string EmptyDivisor =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Demand>0x0003b0</Demand>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <Divisor></Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "</InstantaneousDemand>\n";

    public const string EmptyRoot = "<InstantaneousDemand></InstantaneousDemand>";

    public const string NonHexDemand =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Demand>0.944 kW</Demand>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <Divisor>0x000003e8</Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "</InstantaneousDemand>\n";

    public const string OverflowingMac =
        "<InstantaneousDemand>\n" +
        "  <DeviceMacId>0x1d8d5b90000002aeb</DeviceMacId>\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\n" +
        "  <Demand>0x0003b0</Demand>\n" +
        "  <Multiplier>0x00000001</Multiplier>\n" +
        "  <Divisor>0x000003e8</Divisor>\n" +
        "  <DigitsRight>0x03</DigitsRight>\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\n" +
        "  <SuppressLeadingZero>Y</SuppressLeadingZero>\n" +
        "</InstantaneousDemand>\n";

    public const string ExportingDemand =
        "<InstantaneousDemand>\r\n" +
        "  <DeviceMacId>0xd8d5b90000002aeb</DeviceMacId>\r\n" +
        "  <MeterMacId>0x000781000081fd17</MeterMacId>\r\n" +
        "  <TimeStamp>0x1c91ec39</TimeStamp>\r\n" +
        "  <Demand>0xfffff1b0</Demand>\r\n" +
        "  <Multiplier>0x00000001</Multiplier>\r\n" +
        "  <Divisor>0x000003e8</Divisor>\r\n" +
        "  <DigitsRight>0x03</DigitsRight>\r\n" +
        "  <DigitsLeft>0x06</DigitsLeft>\r\n" +
        "  <SuppressLeadingZero>N</SuppressLeadingZero>\r\n" +
        "</InstantaneousDemand>\r\n";

    public const string Html =
        "<!DOCTYPE html>\r\n<html><head><title>502 Bad Gateway</title></head>\r\n" +
        "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>\r\n";

    public const string HtmlWithoutDoctype =
        "<html><head><title>Maintenance</title></head><body>Back soon</body></html>";

    public const string Garbage = "\u0000\u0001\u0002 not a reply at all \u001b[0m";

    public const string ExternalEntity =
        "<?xml version=\"1.0\"?><!DOCTYPE InstantaneousDemand [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
        "<InstantaneousDemand><DeviceMacId>&x;</DeviceMacId></InstantaneousDemand>";

    public const string OtherRoot =
        "<NetworkInfo><DeviceMacId>0xd8d5b90000002aeb</DeviceMacId><Status>Connected</Status></NetworkInfo>";
}
