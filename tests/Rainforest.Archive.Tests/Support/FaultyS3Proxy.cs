using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Rainforest.Archive.Tests.Support;

/// <summary>
/// A real HTTP proxy in front of the S3 server that spoils the next few object uploads: their body is
/// corrupted on the way (the server stores what it got), they are answered 500, or the ETag of the reply
/// is altered. Requests are forwarded with the Host header the client signed, so signatures still match.
/// </summary>
public sealed class FaultyS3Proxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private int _corruptBodies;
    private int _serverErrors;
    private int _wrongETags;
    private int _uploads;

    private FaultyS3Proxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public string Url { get; private set; } = string.Empty;

    /// <summary>Object uploads (PUT) that reached the proxy.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    public void CorruptNextBodies(int count) => Volatile.Write(ref _corruptBodies, count);
    public void FailNextUploads(int count) => Volatile.Write(ref _serverErrors, count);
    public void AlterNextETags(int count) => Volatile.Write(ref _wrongETags, count);

    public static async Task<FaultyS3Proxy> StartAsync(string upstreamUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(upstreamUrl),
        };
        var proxy = new FaultyS3Proxy(app, upstream);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var content = body.ToArray();

        // An object upload is a PUT to /bucket/key; bucket creation (PUT /bucket) is left alone.
        var isUpload = HttpMethods.IsPut(request.Method) && request.Path.Value!.Trim('/').Contains('/', StringComparison.Ordinal)
            && !request.Headers.ContainsKey("x-amz-copy-source");
        var alterETag = false;
        if (isUpload)
        {
            Interlocked.Increment(ref _uploads);
            if (TakeOne(ref _serverErrors))
            {
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>Injected failure.</Message></Error>");
                return;
            }
            if (TakeOne(ref _corruptBodies) && content.Length > 0) content[content.Length / 2] ^= 0xFF;
            alterETag = TakeOne(ref _wrongETags);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (content.Length > 0 || HttpMethods.IsPut(request.Method) || HttpMethods.IsPost(request.Method))
        {
            forward.Content = new ByteArrayContent(content);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopHeaders.Contains(name)) continue;
            if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        forward.Headers.Host = request.Host.Value;

        using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (HopHeaders.Contains(name)) continue;
            context.Response.Headers[name] = alterETag && name.Equals("ETag", StringComparison.OrdinalIgnoreCase)
                ? "\"00000000000000000000000000000000\""
                : values.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body);
    }

    private static bool TakeOne(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current) return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
