using Rainforest.Grains.Polling;

namespace Rainforest.Grains.Capture;

/// <summary>A captured kind is asked for at most once per poll slot: <c>Every</c> below the poll period is refused at start.</summary>
public sealed class CaptureOptionsValidator(IOptions<PollingOptions> polling) : IValidateOptions<CaptureOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        var period = polling.Value.Period;
        return options.Every < period
            ? ValidateOptionsResult.Fail($"Rainforest:Capture:Every ({options.Every}) must be at least the poll period Rainforest:Polling:Period ({period}).")
            : ValidateOptionsResult.Success;
    }
}
