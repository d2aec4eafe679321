namespace Rainforest.Archive.Stores;

/// <summary>An archived object as read back, with the version tag a conditional write compares.</summary>
public sealed record StoredObject(byte[] Content, string ETag);
