namespace Rainforest.Silo.Demo;

/// <summary>Section <c>Rainforest:Demo</c>, read only with <c>--demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Rainforest:Demo";

    public int Users { get; set; } = 36;

    public int SimulatorPort { get; set; } = 18445;
}
