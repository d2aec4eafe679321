namespace Rainforest.Contracts;

/// <summary>Where a user's readings come from; part of the user's record, chosen at registration.</summary>
public enum ReadingSource
{
    /// <summary>The EAGLE-100 cloud relay, asked with the account's e-mail and password (the default).</summary>
    Relay,
    /// <summary>The gateway's own local API on the user's network (EAGLE-200, EAGLE-3), asked with the install code.</summary>
    Local,
    /// <summary>The gateway's Uploader posts its readings to a per-user secret URL; nothing polls it.</summary>
    Push,
}
