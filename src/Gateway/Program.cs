using Rainforest.Api.Hosting;
using Rainforest.Gateway.Hosting;

// The standalone API gateway: an Orleans client that finds the silos through Redis and serves the same
// routes as the API co-hosted in a silo, plus health, metrics and the dashboard.
var builder = WebApplication.CreateBuilder(args);
builder.AddRainforestServiceDefaults();
builder.AddRainforestApi();
builder.AddRainforestClusterClient();
var app = builder.Build();
app.MapRainforestApi();
app.MapRainforestDefaultEndpoints();
app.Run();
