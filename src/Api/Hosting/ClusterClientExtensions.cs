using StackExchange.Redis;

namespace Rainforest.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>Joins the cluster named by <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c> through <c>ConnectionStrings:Redis</c>.</summary>
    public static WebApplicationBuilder AddRainforestClusterClient(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException(
                "The standalone API finds the silos through Redis: set ConnectionStrings:Redis (e.g. --ConnectionStrings:Redis=localhost:6379).");
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = builder.Configuration["Orleans:ClusterId"] ?? ClusterNames.DefaultClusterId;
                o.ServiceId = builder.Configuration["Orleans:ServiceId"] ?? ClusterNames.DefaultServiceId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        });
        return builder;
    }
}
