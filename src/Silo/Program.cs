using Rainforest.Archive.Telemetry;
using Rainforest.Grains.Telemetry;
using Rainforest.Silo.Cluster;
using Rainforest.Silo.Hosting;
#if DEMO
using Rainforest.Silo.Demo;
#endif

var demo = DemoSwitch.Requested(ref args);
var builder = WebApplication.CreateBuilder(args);
if (demo) await builder.AddDemoAsync();
builder.AddRainforestServiceDefaults(PollingMetrics.MeterName, ArchiveMetrics.MeterName, ClusterMetrics.MeterName);
builder.AddRainforestSilo();
builder.AddRainforestApi();

var app = builder.Build();
app.MapRainforestApi();
app.MapRainforestDefaultEndpoints();
await app.RunAsync();
