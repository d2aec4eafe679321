using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Rainforest.Grains.Tests;

/// <summary>
/// Grain storage that takes its time, as a networked store does: a write carries the ETag the grain had when
/// it started and is refused if another write landed meanwhile, so two writes of one grain in flight together
/// conflict. It counts how many writes of one grain were ever in flight at once, and how many were refused.
/// </summary>
public sealed class SlowGrainStorage(TimeSpan writeTime) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string ETag, object? State)> _stored = [];
    private readonly Dictionary<string, int> _inFlight = [];
    private DeepCopier _copier = null!;
    private int _mostInFlight;
    private int _conflicts;

    public int MostWritesInFlight
    {
        get
        {
            lock (_gate) return _mostInFlight;
        }
    }

    public int Conflicts
    {
        get
        {
            lock (_gate) return _conflicts;
        }
    }

    /// <summary>Attaches the silo's copier, so stored state is never the grain's own object.</summary>
    public SlowGrainStorage Using(DeepCopier copier)
    {
        _copier = copier;
        return this;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            if (_stored.TryGetValue(Key(stateName, grainId), out var stored))
            {
                grainState.State = _copier.Copy((T)stored.State!);
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var sent = grainState.ETag;
        var state = _copier.Copy(grainState.State);
        lock (_gate)
        {
            var inFlight = _inFlight[key] = _inFlight.GetValueOrDefault(key) + 1;
            _mostInFlight = Math.Max(_mostInFlight, inFlight);
        }
        try
        {
            await Task.Delay(writeTime);
            lock (_gate)
            {
                var current = _stored.TryGetValue(key, out var stored) ? stored.ETag : null;
                if (current != sent)
                {
                    _conflicts++;
                    throw new InconsistentStateException($"{key} was written meanwhile", current ?? "none", sent ?? "none");
                }
                var etag = Guid.NewGuid().ToString("n");
                _stored[key] = (etag, state);
                grainState.ETag = etag;
                grainState.RecordExists = true;
            }
        }
        finally
        {
            lock (_gate) _inFlight[key]--;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            _stored.Remove(Key(stateName, grainId));
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
    }

    private static string Key(string stateName, GrainId grainId) => $"{grainId}/{stateName}";
}
