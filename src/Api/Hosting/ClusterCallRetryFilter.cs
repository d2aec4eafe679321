using Microsoft.Extensions.Options;
using Orleans.Serialization.Invocation;
using Polly;
using Polly.Retry;

namespace Rainforest.Api.Hosting;

/// <summary>
/// Retries the API's own grain calls (interfaces of Rainforest.Contracts made from outside any grain) while the
/// cluster changes under them. Calls between grains keep Orleans' semantics untouched: a retry there would
/// stack under the caller's own timeout.
/// </summary>
public sealed partial class ClusterCallRetryFilter : IOutgoingGrainCallFilter
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("rainforest.cluster-call.started");

    private readonly ResiliencePipeline<Response?> _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _budget;
    private readonly ILogger<ClusterCallRetryFilter> _logger;

    public ClusterCallRetryFilter(IOptions<ClusterCallOptions> options, TimeProvider time, ILogger<ClusterCallRetryFilter> logger)
    {
        var settings = options.Value;
        _time = time;
        _budget = settings.RetryBudget;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<Response?> { TimeProvider = time };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Response?>
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.FirstRetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    TransientClusterErrors.IsTransient(FailureOf(args.Outcome)) && WithinBudget(args.Context)),
                OnRetry = args =>
                {
                    LogRetry(args.AttemptNumber + 1, args.RetryDelay, FailureOf(args.Outcome)?.GetType().Name ?? "unknown");
                    return default;
                },
            });
        }
        _pipeline = builder.Build();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.SourceContext is not null || context.InterfaceMethod?.DeclaringType?.Assembly != typeof(IUserGrain).Assembly)
        {
            await context.Invoke();
            return;
        }

        var resilience = ResilienceContextPool.Shared.Get();
        resilience.Properties.Set(StartedAt, _time.GetTimestamp());
        try
        {
            // A failed call usually completes with an exception in its Response rather than throwing: the
            // caller throws it when it reads the result, after the last attempt.
            await _pipeline.ExecuteAsync(static async (_, call) =>
            {
                await call.Invoke();
                return call.Response;
            }, resilience, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private bool WithinBudget(ResilienceContext context) =>
        context.Properties.TryGetValue(StartedAt, out var started) && _time.GetElapsedTime(started) < _budget;

    private static Exception? FailureOf(Outcome<Response?> outcome) => outcome.Exception ?? outcome.Result?.Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster call failed ({Error}); retry {Attempt} in {Delay}")]
    private partial void LogRetry(int attempt, TimeSpan delay, string error);
}
