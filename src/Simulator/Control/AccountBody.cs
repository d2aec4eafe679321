namespace Rainforest.Simulator.Control;

/// <summary>Body of <c>PUT /sim/accounts/{cloudId}</c>; missing credentials mean the default ones.</summary>
internal sealed class AccountBody
{
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? Fault { get; set; }
    public int? DelayMs { get; set; }

    /// <summary>The local API's install code (16 hex digits); missing means the default one.</summary>
    public string? InstallCode { get; set; }
}
