namespace Rainforest.Domain.HourFiles;

/// <summary>What a record key's value must be.</summary>
public enum RecordFieldType
{
    /// <summary>An unsigned 64-bit integer (MAC ids are often above 2^63).</summary>
    Unsigned,

    /// <summary>The record's gateway time, an unsigned 64-bit integer; lines are ordered by it.</summary>
    TimeStamp,

    /// <summary>A raw value as the gateway sent it: any 64-bit integer, signed or unsigned, no fraction.</summary>
    Integer,

    /// <summary>A JSON string.</summary>
    Text,

    /// <summary>The record's gateway time as the gateway sent it, a <c>0x…</c> hex JSON string; lines are ordered by it.</summary>
    HexTimeStamp,
}
