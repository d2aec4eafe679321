namespace Rainforest.Eagle.Local;

/// <summary>Every address a gateway's host name stands for is outside the allowed networks; nothing was connected to.</summary>
public sealed class GatewayAddressRefused(string message) : Exception(message)
{
    public GatewayAddressRefused() : this("The gateway's address is outside the allowed networks.")
    {
    }

    public GatewayAddressRefused(string message, Exception innerException) : this(message + " " + innerException.Message)
    {
    }
}
