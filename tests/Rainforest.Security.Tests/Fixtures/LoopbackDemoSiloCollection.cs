namespace Rainforest.Security.Tests.Fixtures;

[CollectionDefinition(LoopbackDemoSilo.Collection)]
public sealed class LoopbackDemoSiloCollection : ICollectionFixture<LoopbackDemoSilo>;
