using Microsoft.AspNetCore.DataProtection;

namespace Rainforest.Grains.Secrets;

/// <summary>
/// Encrypts gateway passwords before they reach grain state (which is plain JSON in Redis) with ASP.NET Core
/// Data Protection; the key ring is shared by every silo, so any silo can decrypt what another wrote.
/// </summary>
public sealed class GatewayPasswordProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Rainforest.GatewayPassword.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
