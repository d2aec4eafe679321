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

    /// <summary>get_current_summation readings (<see cref="CapturedRecord.Summation"/>).</summary>
    public static RecordKind Summation { get; } = new("summation", "iseif-rainforest-summation-", CapturedRecord.Summation);

    /// <summary>get_price readings (<see cref="CapturedRecord.Price"/>).</summary>
    public static RecordKind Price { get; } = new("price", "iseif-rainforest-price-", CapturedRecord.Price);

    public static IReadOnlyList<RecordKind> All { get; } = [Demand, Summation, Price];

    /// <summary>The kind named <paramref name="name"/> (<c>demand</c>, <c>summation</c>, <c>price</c>), or null.</summary>
    public static RecordKind? Named(string? name) =>
        All.FirstOrDefault(kind => string.Equals(kind.Name, name, StringComparison.Ordinal));

    public string Name { get; }

    /// <summary>What every file and object name of this kind starts with, up to the Cloud ID.</summary>
    public string FileNamePrefix { get; }

    /// <summary>The one check each line of this kind's files must pass.</summary>
    public RecordFormat Format { get; }

    public override string ToString() => Name;
}
