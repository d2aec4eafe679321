using System.Diagnostics;

namespace Rainforest.Testing;

/// <summary>
/// Hosts of their own on this machine: one network namespace per host, each joined by a veth pair to a bridge
/// this lab creates, with addresses in a /24 of 10.231.0.0/16 that only these namespaces use. The bridge end
/// (<see cref="BridgeAddress"/>) is where servers the hosts share (Redis, the simulator) listen; nothing is
/// routed off the machine. A host is cut off by taking its link down. Everything is removed on dispose.
/// Needs root (CAP_NET_ADMIN): <see cref="TryCreateAsync"/> says why when the machine refuses.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("n")[..6];
    private readonly int _subnet = Random.Shared.Next(1, 255);
    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];

    private NetworkLab()
    {
    }

    public string BridgeAddress => $"10.231.{_subnet}.1";
    public IReadOnlyList<ProcessHost> Hosts => _namespaces.Select((ns, i) => new ProcessHost(HostAddress(i), ns)).ToList();

    private string Bridge => $"rfb{_id}";

    /// <summary>The lab with <paramref name="hosts"/> namespaces, or null and the reason the machine refused.</summary>
    public static async Task<(NetworkLab? Lab, string? Refused)> TryCreateAsync(int hosts)
    {
        var lab = new NetworkLab();
        var probe = $"rf{lab._id}probe";
        var (ok, output) = await RunAsync("ip", "netns", "add", probe);
        if (!ok) return (null, $"`ip netns add` was refused: {output.Trim()}");
        await RunAsync("ip", "netns", "del", probe);

        try
        {
            await RequireAsync("ip", "link", "add", lab.Bridge, "type", "bridge");
            lab._links.Add(lab.Bridge);
            await RequireAsync("ip", "addr", "add", $"{lab.BridgeAddress}/24", "dev", lab.Bridge);
            await RequireAsync("ip", "link", "set", lab.Bridge, "up");
            for (var i = 0; i < hosts; i++) await lab.AddHostAsync(i);
            return (lab, null);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the host's link to the bridge down: it reaches nothing and nothing reaches it.</summary>
    public Task CutOffAsync(ProcessHost host) => RequireAsync("ip", "link", "set", HostLink(IndexOf(host)), "down");

    public async ValueTask DisposeAsync()
    {
        // Deleting a namespace deletes its end of the veth pair, and with it the host end.
        foreach (var ns in _namespaces) await RunAsync("ip", "netns", "del", ns);
        foreach (var link in _links) await RunAsync("ip", "link", "del", link);
    }

    private async Task AddHostAsync(int index)
    {
        var ns = $"rf{_id}h{index}";
        var hostEnd = HostLink(index);
        var nsEnd = $"rf{_id}n{index}";
        await RequireAsync("ip", "netns", "add", ns);
        _namespaces.Add(ns);
        await RequireAsync("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd);
        _links.Add(hostEnd);
        await RequireAsync("ip", "link", "set", nsEnd, "netns", ns);
        await RequireAsync("ip", "link", "set", hostEnd, "master", Bridge);
        await RequireAsync("ip", "link", "set", hostEnd, "up");
        await RequireAsync("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        await RequireAsync("ip", "netns", "exec", ns, "ip", "addr", "add", $"{HostAddress(index)}/24", "dev", nsEnd);
        await RequireAsync("ip", "netns", "exec", ns, "ip", "link", "set", nsEnd, "up");
    }

    private string HostAddress(int index) => $"10.231.{_subnet}.{10 + index}";

    private string HostLink(int index) => $"rf{_id}v{index}";

    private int IndexOf(ProcessHost host) => _namespaces.IndexOf(host.NetworkNamespace ?? "") is var i and >= 0
        ? i
        : throw new ArgumentException($"{host} is not a host of this lab", nameof(host));

    private static async Task RequireAsync(params string[] command)
    {
        var (ok, output) = await RunAsync(command);
        if (!ok) throw new InvalidOperationException($"`{string.Join(' ', command)}` failed: {output}");
    }

    private static async Task<(bool Ok, string Output)> RunAsync(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1)) info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command[0]} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode == 0, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, ex.Message);
        }
    }
}
