namespace Rainforest.Simulator.Hosting;

/// <summary>Turns a WebApplicationBuilder into a standalone simulator process (see Program.cs).</summary>
public static class SimulatorWebApplicationBuilderExtensions
{
    /// <summary>The real relay's port, used when neither <c>--urls</c> nor <c>--Port</c> is given.</summary>
    public const int DefaultPort = 9445;

    /// <summary>
    /// Binds <see cref="SimulatorOptions"/> from configuration (<c>--AutoAccounts=true --Https=true</c>, or a
    /// <c>Simulator</c> section), sizes Kestrel, generates the certificate when HTTPS is on, keeps logging at
    /// Warning and registers the simulator's services.
    /// </summary>
    public static SimulatorOptions AddRelaySimulatorHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SimulatorOptions();
        builder.Configuration.Bind(options);
        builder.Configuration.GetSection("Simulator").Bind(options);

        var certificate = options.Https ? SimulatorCertificate.CreateSelfSigned() : null;
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseSockets(sockets => sockets.Backlog = SimulatorKestrelExtensions.ListenBacklog);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.UseRelaySimulatorLimits();
            if (certificate is not null) kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var port = options.Port == 0 ? DefaultPort : options.Port;
            builder.WebHost.UseUrls($"{(options.Https ? "https" : "http")}://{options.BindAddress}:{port}");
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRelaySimulator(options);
        return options;
    }
}
