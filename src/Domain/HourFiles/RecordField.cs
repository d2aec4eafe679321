namespace Rainforest.Domain.HourFiles;

/// <summary>One key of a record line and what its value must be.</summary>
public readonly record struct RecordField(string Name, RecordFieldType Type);
