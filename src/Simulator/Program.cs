using Rainforest.Simulator;
using Rainforest.Simulator.Hosting;

// --lean is short for --Lean=true: the mode for serving a benchmark's whole fleet (SimulatorOptions.Lean).
args = [.. args.Select(a => a == "--lean" ? "--Lean=true" : a)];
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddRelaySimulatorHost();
var app = builder.Build();
app.MapRelaySimulator();
await app.StartAsync();
foreach (var address in app.Urls)
{
    Console.WriteLine($"Rainforest gateway simulator: {address.TrimEnd('/')}/cgi-bin/post_manager");
}
await app.WaitForShutdownAsync();
