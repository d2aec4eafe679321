namespace Rainforest.Domain.HourFiles;

/// <summary>
/// A kind of reading kept in hour files of its own. Each kind has its record format and its file name:
/// instantaneous demand keeps the original <c>iseif-rainforest-&lt;id&gt;-…</c>; further kinds (summation,
/// price) are siblings named <c>iseif-rainforest-&lt;kind&gt;-&lt;id&gt;-…</c> in the same folders and key layout.
/// </summary>
public sealed class RecordKind
{
    private RecordKind(string name, string fileNamePrefix, RecordFormat format)
    {
        Name = name;
        FileNamePrefix = fileNamePrefix;
        Format = format;
    }

    /// <summary>get_instantaneous_demand readings: the original logger's only kind.</summary>
    public static RecordKind Demand { get; } = new("demand", "iseif-rainforest-", DemandRecord.Format);

    public string Name { get; }

    /// <summary>What every file and object name of this kind starts with, up to the Cloud ID.</summary>
    public string FileNamePrefix { get; }

    /// <summary>The one check each line of this kind's files must pass.</summary>
    public RecordFormat Format { get; }

    public override string ToString() => Name;
}
