using System.Net;

namespace Rainforest.Cluster.Tests.Support;

/// <summary>
/// Asks the gateway for one user over and over while the cluster changes, keeping every answer's status and
/// content type: it must keep answering, each time with the user or a clear 503 problem.
/// </summary>
public sealed class GatewayProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(HttpStatusCode Status, string? ContentType)> _answers = [];
    private readonly Task _loop;

    private GatewayProbe(HttpClient api, string path) => _loop = Task.Run(() => RunAsync(api, path));

    public static GatewayProbe Start(HttpClient api, string path) => new(api, path);

    public async Task<IReadOnlyList<(HttpStatusCode Status, string? ContentType)>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_answers) return _answers.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(HttpClient api, string path)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await api.GetAsync(path, _stop.Token);
                lock (_answers) _answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType));
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
