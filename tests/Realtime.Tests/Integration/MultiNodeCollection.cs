using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>
/// Multi-node tests: several whole nodes each, timing-sensitive (failure detection, downing), so they run
/// alone, never beside another collection, on 2 cores.
/// </summary>
[CollectionDefinition("multi-node", DisableParallelization = true)]
public sealed class MultiNodeCollection : ICollectionFixture<NatsServerFixture>, ICollectionFixture<PostgresFixture>
{
}
