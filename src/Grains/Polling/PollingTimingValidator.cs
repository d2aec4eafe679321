using Rainforest.Domain.HourFiles;
using Rainforest.Eagle;

namespace Rainforest.Grains.Polling;

/// <summary>
/// A relay request must end before the next slot (one request in flight, no drift) and well inside the grace
/// the shipper leaves after an hour ends: a reply written later could land in an hour file already shipped.
/// </summary>
public sealed class PollingTimingValidator(IOptions<EagleRelayOptions> relay) : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var timeout = relay.Value.RequestTimeout;
        if (timeout >= options.Period)
        {
            return ValidateOptionsResult.Fail(
                $"Rainforest:Eagle:RequestTimeout ({timeout}) must be shorter than Rainforest:Polling:Period ({options.Period}).");
        }
        if (timeout >= WriteGrace.AfterHourEnds)
        {
            return ValidateOptionsResult.Fail(
                $"Rainforest:Eagle:RequestTimeout ({timeout}) must be shorter than {WriteGrace.AfterHourEnds}, the time an hour file stays writable after its hour ends.");
        }
        return ValidateOptionsResult.Success;
    }
}
