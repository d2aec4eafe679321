using Rainforest.Archive.Telemetry;
using Rainforest.Grains.Telemetry;
using Rainforest.Silo.Cluster;
using Rainforest.Silo.Hosting;
#if DEMO
using Rainforest.Silo.Demo;
#endif

var demo = DemoSwitch.Requested(ref args);
// The default settings-file watcher watches the content root and every folder below it, hour files included:
// each line written woke it. The polling watcher looks at the settings files alone, every four seconds.
if (Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
var builder = WebApplication.CreateBuilder(args);
if (demo) await builder.AddDemoAsync();
builder.AddRainforestServiceDefaults(PollingMetrics.MeterName, ArchiveMetrics.MeterName, ClusterMetrics.MeterName);
builder.AddRainforestSilo();
builder.AddRainforestApi();

var app = builder.Build();
app.MapRainforestApi();
app.MapRainforestDefaultEndpoints();
await app.RunAsync();
