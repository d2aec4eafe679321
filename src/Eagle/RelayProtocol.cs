namespace Rainforest.Eagle;

/// <summary>The fixed parts of a cloud relay request (EAGLE-100 post_manager protocol).</summary>
public static class RelayProtocol
{
    public const string CloudIdHeader = "Cloud-Id";
    public const string UserHeader = "User";
    public const string PasswordHeader = "Password";

    public const string CommandContentType = "text/xml";

    /// <summary>The request body, byte for byte as the original logger sent it.</summary>
    public const string GetInstantaneousDemandCommand = "<Command>\n  <Name>get_instantaneous_demand</Name>\n</Command>";

    /// <summary>The captured kinds' request bodies, shaped like the demand command.</summary>
    public const string GetCurrentSummationCommand = "<Command>\n  <Name>get_current_summation</Name>\n</Command>";

    public const string GetPriceCommand = "<Command>\n  <Name>get_price</Name>\n</Command>";

    /// <summary>A reply is a few hundred bytes; anything beyond this is not a reply we understand.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    internal static readonly byte[] GetInstantaneousDemandCommandBytes = Encoding.ASCII.GetBytes(GetInstantaneousDemandCommand);

    internal static readonly byte[] GetCurrentSummationCommandBytes = Encoding.ASCII.GetBytes(GetCurrentSummationCommand);

    internal static readonly byte[] GetPriceCommandBytes = Encoding.ASCII.GetBytes(GetPriceCommand);
}
