using Realtime.Tests.Infrastructure;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Failover;

/// <summary>
/// Three gateway processes on a fresh PostgreSQL database, shared by the tests of one class (starting them is the
/// slow part); each test leaves all three running.
/// </summary>
public sealed class ProcessClusterFixture : IAsyncLifetime
{
    private ProcessCluster? _cluster;

    public ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var database = await new PostgresFixture().CreateDatabaseAsync("process_failover");
        _cluster = await ProcessCluster.StartAsync(3, database, ChatTestDirectory.Json);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }
}
