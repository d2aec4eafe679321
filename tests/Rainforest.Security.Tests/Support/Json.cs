using Rainforest.Simulator.Accounts;
namespace Rainforest.Security.Tests.Support;

/// <summary>JSON bodies and replies as the API speaks them (snake_case).</summary>
public static class Json
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent User(string email, string password) => Body(new { user_email = email, user_pw = password });

    public static StringContent SimulatedUser(string cloudId) =>
        User(SimulatedAccount.DefaultUser(cloudId), SimulatedAccount.DefaultPassword(cloudId));

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
