using System.ComponentModel.DataAnnotations;

namespace Rainforest.Domain.Descriptors;

/// <summary>
/// How the process's file descriptors are shared (section <c>Rainforest:Descriptors</c>). Held hour files and
/// outgoing gateway connections are budgeted together from the soft RLIMIT_NOFILE, so a silo with more users than
/// descriptors degrades (files opened per line, polls refused with a reason) instead of running out.
/// </summary>
public sealed class DescriptorOptions
{
    public const string Section = "Rainforest:Descriptors";

    /// <summary>
    /// Descriptors kept free beyond those open when the budget is made (the runtime's assemblies, Orleans, Redis,
    /// the API's sockets), for what opens later: lazily loaded assemblies, API clients, silo-to-silo connections.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int Reserve { get; set; } = 256;

    /// <summary>At most this many outgoing gateway connections (relay and local gateways together); unset = half of the budget.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxConnections { get; set; }
}
