using Rainforest.Simulator.Faults;
namespace Rainforest.Simulator.Accounts;

/// <summary>Immutable, swapped whole, so a request sees one consistent set. Null credentials mean the defaults.</summary>
internal sealed record AccountSettings(string? User, string? Password, SimulatedFault Fault, TimeSpan? Delay, bool Configured, string? InstallCode = null)
{
    /// <summary>Shared by every automatic account, so 100k of them cost no per-account settings.</summary>
    public static readonly AccountSettings Automatic = new(null, null, SimulatedFault.None, null, Configured: false);

    public string UserFor(string cloudId) => User ?? SimulatedAccount.DefaultUser(cloudId);

    public string PasswordFor(string cloudId) => Password ?? SimulatedAccount.DefaultPassword(cloudId);

    public string InstallCodeFor(string cloudId) => InstallCode ?? SimulatedAccount.DefaultInstallCode(cloudId);

    /// <summary>The local API's Basic auth: the Cloud ID (any case) and the install code (hex, any case).</summary>
    public bool AcceptsInstallCode(string cloudId, string? user, string? installCode) =>
        string.Equals(user, cloudId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(installCode, InstallCodeFor(cloudId), StringComparison.OrdinalIgnoreCase);

    public bool Accepts(string cloudId, string? user, string? password) =>
        string.Equals(user, UserFor(cloudId), StringComparison.OrdinalIgnoreCase)
        && string.Equals(password, PasswordFor(cloudId), StringComparison.Ordinal);
}
