namespace Rainforest.Eagle.Local;

/// <summary>How to reach one user's gateway on its own network: its root URL, Cloud ID and install code (Basic auth).</summary>
public sealed record LocalGateway(Uri Root, string CloudId, string InstallCode)
{
    public Uri PostManager => new(Root, LocalApiProtocol.Path);

    // The generated record ToString would print the install code into any log line or exception message.
    public override string ToString() => $"LocalGateway {{ Root = {Root}, CloudId = {CloudId}, InstallCode = *** }}";
}
