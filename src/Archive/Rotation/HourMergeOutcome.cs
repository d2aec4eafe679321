namespace Rainforest.Archive.Rotation;

public enum HourMergeOutcome
{
    /// <summary>The object was written with the part's new lines and confirmed.</summary>
    Written,
    /// <summary>Every line of the part was already in the object; nothing was written.</summary>
    AlreadyArchived,
    /// <summary>Nothing was confirmed; the part must be kept and shipped again.</summary>
    Failed,
}
