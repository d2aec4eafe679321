using System.Collections.Concurrent;
using Rainforest.Simulator.Accounts;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Relay;

namespace Rainforest.Simulator.Uploader;

/// <summary>
/// Accounts whose gateway pushes instead of being asked: each posts an envelope of its next reading to a URL
/// right away and then every period, like an EAGLE's Uploader, so push can be driven over real sockets.
/// </summary>
public sealed class SimulatedUploaders : IAsyncDisposable
{
    private readonly SimulatedAccounts _accounts;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentDictionary<string, RunningUploader> _running = new(StringComparer.Ordinal);

    internal SimulatedUploaders(SimulatedAccounts accounts, SimulatorOptions options)
    {
        _accounts = accounts;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Starts (or replaces) the account's uploads to <paramref name="url"/> every <paramref name="every"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public SimulatedUploader Start(string cloudId, Uri url, TimeSpan every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, TimeSpan.FromMilliseconds(100));
        var state = _accounts.Resolve(cloudId) ?? throw new KeyNotFoundException(cloudId);
        var uploader = new RunningUploader(state, url, every, _http, _time);
        if (_running.TryGetValue(state.CloudId, out var previous)) previous.Stop();
        _running[state.CloudId] = uploader;
        uploader.Start();
        return uploader.View();
    }

    /// <summary>Stops the account's uploads; false when it was not uploading.</summary>
    public bool Stop(string cloudId)
    {
        if (!_running.TryRemove(SimulatedCloudIds.Normalize(cloudId), out var uploader)) return false;
        uploader.Stop();
        return true;
    }

    public SimulatedUploader? Find(string cloudId) =>
        _running.TryGetValue(SimulatedCloudIds.Normalize(cloudId), out var uploader) ? uploader.View() : null;

    public ValueTask DisposeAsync()
    {
        foreach (var uploader in _running.Values) uploader.Stop();
        _running.Clear();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class RunningUploader(AccountState state, Uri url, TimeSpan every, HttpClient http, TimeProvider time)
    {
        private readonly CancellationTokenSource _stop = new();
        private long _sent;
        private long _accepted;
        private int _lastStatus;

        public void Start() => _ = RunAsync(_stop.Token);

        public void Stop() => _stop.Cancel();

        public SimulatedUploader View() => new(state.CloudId, url, every, Interlocked.Read(ref _sent), Interlocked.Read(ref _accepted), Volatile.Read(ref _lastStatus));

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(every, time);
            long sequence = 0;
            do
            {
                var now = time.GetUtcNow();
                var reading = state.NextReading(SimulatedFault.None, ++sequence, now);
                var envelope = $"<rainforest macId=\"0x{reading.DeviceMacId:x16}\" timestamp=\"{now.ToUnixTimeSeconds()}s\">\r\n" +
                    RelayReplies.XmlFragment(reading) + "</rainforest>\r\n";
                try
                {
                    // As the gateway sends it: a raw XML body under a form content type.
                    using var content = new StringContent(envelope, Encoding.UTF8, "application/x-www-form-urlencoded");
                    using var response = await http.PostAsync(url, content, cancellationToken);
                    Volatile.Write(ref _lastStatus, (int)response.StatusCode);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref _accepted);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Volatile.Write(ref _lastStatus, 0);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                Interlocked.Increment(ref _sent);
            }
            while (await WaitAsync(timer, cancellationToken));
        }

        private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
        {
            try
            {
                return await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
