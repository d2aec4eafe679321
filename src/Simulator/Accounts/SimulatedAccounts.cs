using System.Collections.Concurrent;
using Rainforest.Simulator.Faults;
using Rainforest.Simulator.Recording;

namespace Rainforest.Simulator.Accounts;

/// <summary>
/// The simulator's accounts: explicit ones, plus (with <see cref="SimulatorOptions.AutoAccounts"/>) every
/// six-hex-digit Cloud ID on default credentials. Cloud IDs are case-insensitive. Thread-safe.
/// </summary>
public sealed class SimulatedAccounts
{
    private readonly ConcurrentDictionary<string, AccountState> states = new(StringComparer.Ordinal);
    private readonly int logCapacity;

    internal SimulatedAccounts(SimulatorOptions options)
    {
        AutoAccounts = options.AutoAccounts;
        logCapacity = Math.Max(0, options.RequestLogCapacity);
    }

    public bool AutoAccounts { get; }

    /// <summary>Accounts added or overridden explicitly (automatic accounts on their defaults are not counted).</summary>
    public int ConfiguredCount => states.Values.Count(s => s.Settings?.Configured == true);

    /// <summary>Adds the account, or replaces its credentials and fault (its request log is kept).</summary>
    public SimulatedAccount Add(string cloudId, string user, string password, SimulatedFault fault = SimulatedFault.None, TimeSpan? delay = null,
        string? installCode = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        CheckDelay(delay);
        var key = SimulatedCloudIds.Require(cloudId);
        var settings = new AccountSettings(user, password, fault, delay, Configured: true, installCode);
        var state = states.GetOrAdd(key, static (k, arg) => new AccountState(k, arg.settings, arg.logCapacity), (settings, logCapacity));
        state.Settings = settings;
        return state.Snapshot()!;
    }

    /// <summary>Adds the account with the default credentials (<see cref="SimulatedAccount.DefaultUser"/>).</summary>
    public SimulatedAccount Add(string cloudId, SimulatedFault fault = SimulatedFault.None, TimeSpan? delay = null) =>
        Add(cloudId, SimulatedAccount.DefaultUser(cloudId), SimulatedAccount.DefaultPassword(cloudId), fault, delay);

    /// <summary>Changes an existing (or automatic) account's fault; the delay applies on top of any fault.</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public SimulatedAccount SetFault(string cloudId, SimulatedFault fault, TimeSpan? delay = null)
    {
        CheckDelay(delay);
        var key = SimulatedCloudIds.Require(cloudId);
        var state = (states.TryGetValue(key, out var existing) ? existing : CreateAutomatic(key))
            ?? throw new KeyNotFoundException($"No simulated account '{key}'.");
        while (true)
        {
            var current = state.Settings ?? throw new KeyNotFoundException($"No simulated account '{key}'.");
            if (state.TryReplaceSettings(current, current with { Fault = fault, Delay = delay, Configured = true }))
            {
                return state.Snapshot()!;
            }
        }
    }

    /// <summary>Changes the install code the account's local API accepts (null: back to the default one).</summary>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public SimulatedAccount SetInstallCode(string cloudId, string? installCode)
    {
        var key = SimulatedCloudIds.Require(cloudId);
        var state = (states.TryGetValue(key, out var existing) ? existing : CreateAutomatic(key))
            ?? throw new KeyNotFoundException($"No simulated account '{key}'.");
        while (true)
        {
            var current = state.Settings ?? throw new KeyNotFoundException($"No simulated account '{key}'.");
            if (state.TryReplaceSettings(current, current with { InstallCode = installCode, Configured = true }))
            {
                return state.Snapshot()!;
            }
        }
    }

    /// <summary>
    /// Forgets the account: relay requests for it fail authentication from now on (an automatic Cloud ID
    /// returns to its defaults instead). Its request log stays readable.
    /// </summary>
    public bool Remove(string cloudId)
    {
        var key = SimulatedCloudIds.Require(cloudId);
        if (!states.TryGetValue(key, out var state) || state.Settings is not { } current) return false;
        if (IsAutomatic(key))
        {
            state.Settings = AccountSettings.Automatic;
            return current.Configured;
        }
        state.Settings = null;
        return true;
    }

    public SimulatedAccount? Find(string cloudId)
    {
        if (!SimulatedCloudIds.IsAcceptable(cloudId)) return null;
        var key = SimulatedCloudIds.Normalize(cloudId);
        if (states.TryGetValue(key, out var state)) return state.Snapshot();
        return IsAutomatic(key)
            ? new SimulatedAccount(key, SimulatedAccount.DefaultUser(key), SimulatedAccount.DefaultPassword(key), SimulatedFault.None, null, false, 0, 0, 0,
                SimulatedAccount.DefaultInstallCode(key))
            : null;
    }

    /// <summary>The account's last requests in arrival order (empty when none or unknown).</summary>
    public IReadOnlyList<SimulatedRequest> RequestsFor(string cloudId)
    {
        if (!SimulatedCloudIds.IsAcceptable(cloudId)) return [];
        return states.TryGetValue(SimulatedCloudIds.Normalize(cloudId), out var state) ? state.Requests() : [];
    }

    /// <summary>True when the Cloud ID is or was an account, so it may have a request log.</summary>
    internal bool IsKnown(string cloudId) =>
        SimulatedCloudIds.IsAcceptable(cloudId) && (states.ContainsKey(SimulatedCloudIds.Normalize(cloudId)) || IsAutomatic(SimulatedCloudIds.Normalize(cloudId)));

    /// <summary>The state behind a relay request's Cloud-Id header; null for ids that are not (and were never) accounts.</summary>
    internal AccountState? Resolve(string? cloudIdHeader)
    {
        if (string.IsNullOrEmpty(cloudIdHeader) || cloudIdHeader.Length > SimulatedCloudIds.MaxLength) return null;
        var key = SimulatedCloudIds.Normalize(cloudIdHeader.Trim());
        if (states.TryGetValue(key, out var state)) return state;
        return CreateAutomatic(key);
    }

    private AccountState? CreateAutomatic(string key) =>
        IsAutomatic(key)
            ? states.GetOrAdd(key, static (k, capacity) => new AccountState(k, AccountSettings.Automatic, capacity), logCapacity)
            : null;

    private bool IsAutomatic(string key) => AutoAccounts && SimulatedCloudIds.IsReal(key);

    private static void CheckDelay(TimeSpan? delay)
    {
        if (delay is { } d && (d < TimeSpan.Zero || d > TimeSpan.FromDays(1)))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), "A delay is between zero and one day.");
        }
    }
}
