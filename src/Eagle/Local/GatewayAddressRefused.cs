namespace Rainforest.Eagle.Local;

/// <summary>A gateway's host stands for addresses outside the allowed networks; nothing was connected to.</summary>
public sealed class GatewayAddressRefused : Exception
{
    public GatewayAddressRefused()
        : this("The gateway's address is outside the allowed networks.")
    {
    }

    public GatewayAddressRefused(string message)
        : base(message)
    {
    }

    public GatewayAddressRefused(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
