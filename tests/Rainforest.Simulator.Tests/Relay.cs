namespace Rainforest.Simulator.Tests;

/// <summary>Sends relay requests the way a client would: three headers and an XML command.</summary>
internal static class Relay
{
    public const string DemandCommand = "<Command>\n  <Name>get_instantaneous_demand</Name>\n</Command>";
    public const string JsonDemandCommand = "<Command><Name>get_instantaneous_demand</Name><Format>JSON</Format></Command>";

    /// <summary>A fixed clock at 2026-01-15T12:00:00Z, which the gateway reports as TimeStamp 821793600.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public static uint EagleSeconds(DateTimeOffset time) =>
        (uint)(time - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds;

    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, GatewaySimulator simulator, string cloudId, string user, string password, string command = DemandCommand)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, simulator.RelayUrl)
        {
            Content = new StringContent(command, Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("Cloud-ID", cloudId);
        request.Headers.Add("User", user);
        request.Headers.Add("Password", password);
        return client.SendAsync(request);
    }

    public static async Task<string> DemandAsync(HttpClient client, GatewaySimulator simulator, string cloudId, string user, string password)
    {
        using var response = await PostAsync(client, simulator, cloudId, user, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static uint Hex32(XDocument reply, string element) => Convert.ToUInt32(reply.Root!.Element(element)!.Value, 16);
}
