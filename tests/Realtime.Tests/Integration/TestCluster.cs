using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>Several gateway nodes in one process on loopback, joined through the first node as seed.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(List<TestGateway> nodes) => Nodes = nodes;

    public List<TestGateway> Nodes { get; }

    public static async Task<TestCluster> StartAsync(int size, IDictionary<string, string?>? settings = null, string? directoryJson = null)
    {
        var ports = Enumerable.Range(0, size).Select(_ => FreePort.Get()).ToArray();
        var seed = $"akka.tcp://realtime@127.0.0.1:{ports[0]}";
        var nodes = new List<TestGateway>();
        try
        {
            for (var i = 0; i < size; i++)
            {
                var config = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
                {
                    ["Realtime:Cluster:Port"] = ports[i].ToString(),
                    ["Realtime:Cluster:SeedNodes:0"] = seed,
                };
                nodes.Add(await TestGateway.StartAsync(config, directoryJson));
            }
        }
        catch
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            throw;
        }
        return new TestCluster(nodes);
    }

    public async ValueTask DisposeAsync()
    {
        // Last joined first, so the seed stays until the others left.
        for (var i = Nodes.Count - 1; i >= 0; i--)
            await Nodes[i].DisposeAsync();
    }
}
