using System.ComponentModel.DataAnnotations;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// Where and how readings are logged (section <c>Rainforest:Logs</c>): the user grains write hour files to
/// <see cref="Directory"/> and the archive ships them from there, both through this one type.
/// </summary>
public sealed class LogsOptions
{
    public const string Section = "Rainforest:Logs";

    [Required]
    public string Directory { get; set; } = "data/logs";

    /// <summary>Skip a reading identical to the previous one (same gateway timestamp). The original logged them.</summary>
    public bool SkipRepeats { get; set; }

    /// <summary>At most this many hour files kept open at once; unset = the hour-file share of the descriptor budget (<c>Rainforest:Descriptors</c>).</summary>
    [Range(0, int.MaxValue)]
    public int? MaxOpenFiles { get; set; }
}
