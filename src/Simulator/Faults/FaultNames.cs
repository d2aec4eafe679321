namespace Rainforest.Simulator.Faults;

/// <summary>The wire spelling of faults (<c>wrong-credentials</c>); enum names are accepted too.</summary>
internal static class FaultNames
{
    public static string Format(SimulatedFault fault) => JsonNamingPolicy.KebabCaseLower.ConvertName(fault.ToString());

    public static bool TryParse(string? text, out SimulatedFault fault)
    {
        fault = SimulatedFault.None;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        // Enum.TryParse also takes numbers; only names are meant.
        if (compact.Length == 0 || !char.IsAsciiLetter(compact[0])) return false;
        return Enum.TryParse(compact, ignoreCase: true, out fault) && Enum.IsDefined(fault);
    }

    public static string Known => string.Join(", ", Enum.GetValues<SimulatedFault>().Select(Format));
}
