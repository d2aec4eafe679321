namespace Rainforest.Contracts;

/// <summary>
/// A local gateway's address is outside the networks this cluster may connect to; the registration is refused
/// and nothing about the user changes.
/// </summary>
[GenerateSerializer]
public sealed class GatewayAddressRefusedException : Exception
{
    public GatewayAddressRefusedException()
    {
    }

    public GatewayAddressRefusedException(string message) : base(message)
    {
    }

    public GatewayAddressRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
