using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Rainforest.Silo.Cluster;

/// <summary>
/// This silo's user grain activations, tracked from creation to deactivation (the runtime configures every new
/// grain context through this), so that a graceful stop can hand each one over and a new silo get its share,
/// without the user grain knowing.
/// </summary>
public sealed partial class LocalUserActivations(IServiceProvider services, ILogger<LocalUserActivations> logger)
    : IConfigureGrainContextProvider, IConfigureGrainContext
{
    private readonly ConcurrentDictionary<GrainId, IGrainContext> _contexts = new();
    private GrainType? _userGrainType;

    public int Count => _contexts.Count;

    public IReadOnlyList<IGrainContext> Snapshot() => _contexts.Values.ToList();

    bool IConfigureGrainContextProvider.TryGetConfigurator(GrainType grainType, GrainProperties properties,
        [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        configurator = grainType.Equals(UserGrainType) ? this : null;
        return configurator is not null;
    }

    void IConfigureGrainContext.Configure(IGrainContext context)
    {
        _contexts[context.GrainId] = context;
        LogCreated(context.GrainId, context.ActivationId);
        context.Deactivated.ContinueWith(_ =>
            {
                _contexts.TryRemove(new KeyValuePair<GrainId, IGrainContext>(context.GrainId, context));
                LogEnded(context.GrainId, context.ActivationId);
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Grain} activation {Activation} created")]
    private partial void LogCreated(GrainId grain, ActivationId activation);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Grain} activation {Activation} ended")]
    private partial void LogEnded(GrainId grain, ActivationId activation);

    // Resolved on first use: the grain factory is not needed (nor safely constructed) before the first activation.
    private GrainType UserGrainType =>
        _userGrainType ??= services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>("000000").GetGrainId().Type;
}
