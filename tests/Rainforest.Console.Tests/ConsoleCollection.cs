namespace Rainforest.Console.Tests;

/// <summary>Every test class of this project shares one <see cref="ConsoleFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
