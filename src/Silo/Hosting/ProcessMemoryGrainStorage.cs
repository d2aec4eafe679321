using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Rainforest.Silo.Hosting;

/// <summary>
/// Grain state in this process's memory, for the one local silo that runs without Redis. Orleans' memory storage
/// keeps state in storage grains, which a stopping silo can no longer reach: every user's last write at a
/// graceful stop failed with a stack trace. Here it just lands, and vanishes with the process as announced.
/// Writes keep the ETag check, so a stale activation still gets <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class ProcessMemoryGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), Stored> _states = new();
    private long _version;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = copier.Copy((T)stored.State);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        Replace(stateName, grainId, grainState.ETag, new Stored(copier.Copy(grainState.State)!, etag));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Replace(stateName, grainId, grainState.ETag, null);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private void Replace(string stateName, GrainId grainId, string? expectedETag, Stored? replacement)
    {
        var key = (stateName, grainId);
        lock (_states)
        {
            var current = _states.TryGetValue(key, out var stored) ? stored.ETag : null;
            if (current != expectedETag)
            {
                throw new InconsistentStateException($"{stateName} of {grainId} was written by another activation", current, expectedETag);
            }
            if (replacement is null) _states.TryRemove(key, out _);
            else _states[key] = replacement;
        }
    }

    private sealed record Stored(object State, string ETag);
}
