using Rainforest.Api.Hosting;
using Rainforest.Silo.Demo;
using Rainforest.Silo.Hosting;

var demo = DemoMode.Requested(ref args);
var builder = WebApplication.CreateBuilder(args);
if (demo) await builder.AddDemoAsync();
builder.AddRainforestSilo();
builder.AddRainforestApi();
builder.AddSiloEndpoints();

var app = builder.Build();
app.MapRainforestApi();
app.MapRainforestSiloEndpoints();
await app.RunAsync();
