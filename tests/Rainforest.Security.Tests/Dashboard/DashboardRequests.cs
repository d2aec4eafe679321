using System.Net.Http.Headers;

namespace Rainforest.Security.Tests.Dashboard;

/// <summary>Requests as a browser would send them to the dashboard.</summary>
public static class DashboardRequests
{
    public static HttpRequestMessage Page(string path = "/dashboard/", string? basicPassword = null, string user = "anyone")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        if (basicPassword is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{basicPassword}")));
        }
        return request;
    }
}
