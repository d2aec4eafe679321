namespace Rainforest.Cli.Tests.Support;

/// <summary>Every test class that needs a running system shares one silo and one simulator.</summary>
[CollectionDefinition(Name)]
public sealed class CliSystemCollection : ICollectionFixture<CliSystem>
{
    public const string Name = "running system";
}
