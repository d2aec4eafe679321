using Rainforest.Api.Hosting;

// The standalone API gateway: an Orleans client that finds the silos through Redis.
var builder = WebApplication.CreateBuilder(args);
builder.AddRainforestApi();
builder.AddRainforestClusterClient();
var app = builder.Build();
app.MapRainforestApi();
app.Run();
