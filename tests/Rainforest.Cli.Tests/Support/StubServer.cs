using System.Net;

namespace Rainforest.Cli.Tests.Support;

/// <summary>
/// A loopback HTTP server answering what a test tells it to: the failures a real silo does not produce on
/// demand (a 500, a rate limit). Every request is counted.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, HttpListenerRequest, StubAnswer> _answer;
    private readonly Task _loop;
    private int _requests;

    public StubServer(Func<int, HttpListenerRequest, StubAnswer> answer)
    {
        _answer = answer;
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = AnswerAsync(context, _answer(Interlocked.Increment(ref _requests), context.Request));
        }
    }

    private static async Task AnswerAsync(HttpListenerContext context, StubAnswer answer)
    {
        try
        {
            if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            var body = System.Text.Encoding.UTF8.GetBytes(answer.Body);
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout test) or the stub is stopping.
        }
    }
}
