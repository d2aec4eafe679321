using System.Diagnostics;
using System.Text;
using Rainforest.Simulator.Accounts;
using Rainforest.Testing;

/// <summary>
/// How many relay requests a second the simulator answers per core of its own CPU: the simulator runs as a process
/// of its own (lean or full), this process sends demand requests for many accounts from many connections for one
/// window, and the simulator's CPU is read from /proc before and after.
/// </summary>
internal static class SimulatorBenchmark
{
    private const string DemandCommand = "<Command>\n  <Name>get_instantaneous_demand</Name>\n  <Format>XML</Format>\n</Command>\n";

    public static async Task RunAsync(int accounts, int seconds, int connections, bool lean)
    {
        var port = FreePort.Next();
        var dll = RepositoryPaths.ProgramDll("Simulator", "Rainforest.Simulator");
        string[] arguments = [dll, $"--Port={port}", "--AutoAccounts=true", .. lean ? new[] { "--lean" } : []];
        await using var simulator = ManagedProcess.Start("dotnet", arguments);
        var relay = new Uri($"http://127.0.0.1:{port}/cgi-bin/post_manager");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false });
        await Eventually.Until(async () => (await SendAsync(http, relay, "000001")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the simulator");

        var ids = Enumerable.Range(1, accounts).Select(i => i.ToString("x6")).ToArray();
        // A first round renders every account once, as the polling benchmark's settling period does.
        await DriveAsync(http, relay, ids, connections, TimeSpan.FromSeconds(Math.Max(2, seconds / 5)));
        var cpuBefore = CpuSeconds(simulator.Id);
        var clock = Stopwatch.StartNew();
        var answered = await DriveAsync(http, relay, ids, connections, TimeSpan.FromSeconds(seconds));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = CpuSeconds(simulator.Id) - cpuBefore;
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"simulator mode={(lean ? "lean" : "full")} accounts={accounts} connections={connections} window={elapsed:0.0}s: " +
            $"{answered / elapsed:0} requests/s, simulator CPU {cpu / elapsed * 100:0}% of a core, " +
            $"{answered / cpu:0} requests per CPU-second ({cpu * 1e6 / answered:0.0} us a request)"));
    }

    // Every connection sends requests one after another, walking over the accounts, until the window ends.
    private static async Task<long> DriveAsync(HttpClient http, Uri relay, string[] ids, int connections, TimeSpan window)
    {
        long answered = 0;
        var next = -1L;
        using var end = new CancellationTokenSource(window);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (!end.IsCancellationRequested)
            {
                var id = ids[(int)(Interlocked.Increment(ref next) % ids.Length)];
                using var response = await SendAsync(http, relay, id);
                await response.Content.LoadIntoBufferAsync();
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref answered);
            }
        })));
        return answered;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri relay, string cloudId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, relay) { Content = new StringContent(DemandCommand, Encoding.ASCII, "text/xml") };
        request.Headers.Add("Cloud-ID", cloudId);
        request.Headers.Add("User", SimulatedAccount.DefaultUser(cloudId));
        request.Headers.Add("Password", SimulatedAccount.DefaultPassword(cloudId));
        return http.SendAsync(request);
    }

    // utime + stime of the process, from /proc/<pid>/stat (clock ticks of 1/100 s).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }
}
