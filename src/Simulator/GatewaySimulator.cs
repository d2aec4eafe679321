using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Uploader;
using Rainforest.Simulator.Hosting;
using Rainforest.Simulator.Recording;
namespace Rainforest.Simulator;

/// <summary>
/// An in-process simulated relay on a real socket, for tests, the demo and the benchmark:
/// <c>await using var sim = await GatewaySimulator.StartAsync(new() { AutoAccounts = true });</c>
/// </summary>
public sealed class GatewaySimulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private int disposed;

    private GatewaySimulator(WebApplication app, Uri baseUrl, X509Certificate2? certificate)
    {
        this.app = app;
        BaseUrl = baseUrl;
        RelayUrl = new Uri(baseUrl, SimulatorEndpointRouteBuilderExtensions.RelayPath);
        Certificate = certificate;
        Accounts = app.Services.GetRequiredService<SimulatedAccounts>();
        Stats = app.Services.GetRequiredService<SimulatorStats>();
        Uploaders = app.Services.GetRequiredService<SimulatedUploaders>();
    }

    /// <summary>Accounts that push their readings to a URL (the gateway's Uploader).</summary>
    public SimulatedUploaders Uploaders { get; }

    /// <summary>The simulator's root, where the <c>/sim/…</c> control routes live.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The relay endpoint, e.g. <c>http://127.0.0.1:PORT/cgi-bin/post_manager</c> (https when <see cref="SimulatorOptions.Https"/>).</summary>
    public Uri RelayUrl { get; }

    public SimulatedAccounts Accounts { get; }

    public SimulatorStats Stats { get; }

    /// <summary>The generated self-signed certificate when serving HTTPS, for clients to trust explicitly.</summary>
    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<SimulatedRequest> RequestsFor(string cloudId) => Accounts.RequestsFor(cloudId);

    public static async Task<GatewaySimulator> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = options.Https ? SimulatorCertificate.CreateSelfSigned() : null;

        // An empty builder: no appsettings, environment variables or URLs of the hosting process leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GatewaySimulator).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseSockets(sockets => sockets.Backlog = SimulatorKestrelExtensions.ListenBacklog);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.UseRelaySimulatorLimits();
            Listen(kestrel, options, listen =>
            {
                if (certificate is null)
                {
                    listen.Protocols = HttpProtocols.Http1;
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
            });
        });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, OwnerStoppedLifetime>();
        builder.Services.AddRouting();
        builder.Services.AddRelaySimulator(options);

        var app = builder.Build();
        app.MapRelaySimulator();
        try
        {
            await app.StartAsync(ct);
            return new GatewaySimulator(app, BaseUrlOf(app), certificate);
        }
        catch
        {
            await app.DisposeAsync();
            certificate?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
            Certificate?.Dispose();
        }
    }

    private static void Listen(KestrelServerOptions kestrel, SimulatorOptions options, Action<ListenOptions> configure)
    {
        var address = options.BindAddress;
        if (string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(options.Port, configure);
        }
        else if (address is "*" or "+")
        {
            kestrel.ListenAnyIP(options.Port, configure);
        }
        else if (IPAddress.TryParse(address, out var ip))
        {
            kestrel.Listen(ip, options.Port, configure);
        }
        else
        {
            throw new ArgumentException($"BindAddress '{address}' is not an IP address or 'localhost'.", nameof(options));
        }
    }

    /// <summary>The bound address, with a wildcard host replaced by loopback so clients can connect.</summary>
    private static Uri BaseUrlOf(WebApplication app)
    {
        var bound = new Uri(app.Urls.First());
        var host = bound.Host is "0.0.0.0" or "[::]" or "*" or "+" ? "127.0.0.1" : bound.Host;
        return new UriBuilder(bound.Scheme, host, bound.Port, "/").Uri;
    }
}
