namespace Rainforest.Security.Tests.Fixtures;

[CollectionDefinition(KeyedSilo.Collection)]
public sealed class KeyedSiloCollection : ICollectionFixture<KeyedSilo>;
