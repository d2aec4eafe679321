namespace Rainforest.Archive.Tests.Support;

/// <summary>Tests that share one S3 server; each uses its own key prefix, so they do not see each other.</summary>
[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<S3Server>
{
    public const string Name = "S3 server";
}
