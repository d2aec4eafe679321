using System.ComponentModel.DataAnnotations;

namespace Rainforest.Grains.Capture;

/// <summary>
/// Which readings are logged beside instantaneous demand (section <c>Rainforest:Capture</c>): the meter's
/// summation and the current price, each into its own sibling hour file, off unless asked for.
/// </summary>
public sealed class CaptureOptions
{
    public const string Section = "Rainforest:Capture";

    /// <summary>Also log get_current_summation (delivered/received energy) every <see cref="Every"/>.</summary>
    public bool Summation { get; set; }

    /// <summary>Also log get_price (price, currency, tier, rate label) every <see cref="Every"/>.</summary>
    public bool Price { get; set; }

    /// <summary>How often each captured kind is asked for; never more often than the poll period.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(1);

    public bool Any => Summation || Price;
}
