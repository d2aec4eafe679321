namespace Rainforest.Simulator.Control;

/// <summary>Body of <c>PUT /sim/accounts/{cloudId}/fault</c>.</summary>
internal sealed class FaultBody
{
    public string? Fault { get; set; }
    public int? DelayMs { get; set; }
}
