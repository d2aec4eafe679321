using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Rainforest.Eagle.Tests;

/// <summary>
/// A real HTTP relay on loopback whose paths choose the behaviour: /reply/{id} records the request and answers the
/// canonical reply, /status/{code}, /hang/{id}, /chunked, /body/{RecordedReplies member}, /large, /redirect,
/// /echo-error.
/// </summary>
public sealed class RelayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivals = new();
    private readonly ConcurrentDictionary<string, ReceivedRequest> _received = new();

    private RelayServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Completes when a request for /hang/{id} has arrived.</summary>
    public Task Arrival(string id) => ArrivalSource(id).Task;

    public ReceivedRequest? Received(string id) => _received.GetValueOrDefault(id);

    public static async Task<RelayServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }

        var app = builder.Build();
        RelayServer? server = null;
        app.Map("/{**path}", (HttpContext context) => server!.HandleAsync(context));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new RelayServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private TaskCompletionSource ArrivalSource(string id) =>
        _arrivals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Trim('/').Split('/');
        var argument = segments.Length > 1 ? segments[1] : string.Empty;
        var response = context.Response;
        switch (segments[0])
        {
            case "reply":
                _received[argument] = await ReceiveAsync(context.Request);
                await ReplyAsync(response, RecordedReplies.Canonical);
                break;
            case "status":
                response.StatusCode = int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture);
                await ReplyAsync(response, "<html><body>relay says no</body></html>");
                break;
            case "hang":
                ArrivalSource(argument).TrySetResult();
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, hang.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the server is stopping: nothing left to answer.
                    }
                }

                break;
            case "chunked":
                // No Content-Length and several flushes: Kestrel sends Transfer-Encoding: chunked.
                response.ContentType = "text/html";
                var reply = RecordedReplies.Crlf;
                for (var start = 0; start < reply.Length; start += 50)
                {
                    await response.WriteAsync(reply.Substring(start, Math.Min(50, reply.Length - start)));
                    await response.Body.FlushAsync();
                }

                break;
            case "body":
                var field = typeof(RecordedReplies).GetField(argument, BindingFlags.Public | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"no recorded reply {argument}");
                await ReplyAsync(response, (string)field.GetValue(null)!);
                break;
            case "large":
                response.ContentType = "text/html";
                await response.WriteAsync("<InstantaneousDemand>");
                await response.WriteAsync(new string(' ', 100_000));
                await response.WriteAsync("</InstantaneousDemand>");
                break;
            case "redirect":
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = "/reply/redirected";
                break;
            case "echo-error":
                await ReplyAsync(response, $"<Error>Invalid password '{context.Request.Headers["Password"]}' for this user</Error>");
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static async Task<ReceivedRequest> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return new ReceivedRequest(
            request.Method,
            request.Headers["Cloud-Id"].SingleOrDefault(),
            request.Headers["User"].SingleOrDefault(),
            request.Headers["Password"].SingleOrDefault(),
            request.ContentType,
            body);
    }

    private static Task ReplyAsync(HttpResponse response, string body)
    {
        // The relay labels its XML replies text/html.
        response.ContentType = "text/html";
        return response.WriteAsync(body);
    }
}
