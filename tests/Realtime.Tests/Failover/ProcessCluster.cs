using Realtime.Tests.Infrastructure;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Failover;

/// <summary>
/// Three (or more) gateway processes on 127.0.0.1 with every node as a seed, on a shared PostgreSQL journal and the
/// shipped cluster defaults. A node keeps its ports and data directory across <see cref="RestartAsync"/>.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly Func<int, Dictionary<string, string>> _environment;
    private readonly List<(Uri Http, string Data)> _slots;

    private ProcessCluster(List<(Uri Http, string Data)> slots, Func<int, Dictionary<string, string>> environment)
    {
        _slots = slots;
        _environment = environment;
        Nodes = new GatewayProcess?[slots.Count];
    }

    public GatewayProcess?[] Nodes { get; }

    public GatewayProcess Node(int index) => Nodes[index] ?? throw new InvalidOperationException($"node {index} is not running");

    public static async Task<ProcessCluster> StartAsync(int size, string journalConnectionString, string directoryJson)
    {
        var remoting = Enumerable.Range(0, size).Select(_ => FreePort.Get()).ToArray();
        var slots = new List<(Uri, string)>();
        for (var i = 0; i < size; i++)
        {
            var data = Directory.CreateTempSubdirectory($"realtime-process-{i}-").FullName;
            await File.WriteAllTextAsync(Path.Combine(data, "directory.json"), directoryJson);
            slots.Add((new Uri($"http://127.0.0.1:{FreePort.Get()}"), data));
        }

        Dictionary<string, string> Environment(int i)
        {
            var environment = GatewayProcess.ProductionEnvironment(slots[i].Item1, slots[i].Item2, remoting[i]);
            environment["Realtime__Journal__Provider"] = "postgresql";
            environment["Realtime__Journal__ConnectionString"] = journalConnectionString;
            environment["Realtime__Sockets__MaxInboundPerSecond"] = "2000";
            environment["Realtime__Sockets__InboundBurst"] = "2000";
            environment["Realtime__Chat__GlobalRoomCreatorRoles__0"] = GatewayProcess.PosterRole;
            for (var s = 0; s < size; s++)
                environment[$"Realtime__Cluster__SeedNodes__{s}"] = $"akka.tcp://realtime@127.0.0.1:{remoting[s]}";
            return environment;
        }

        var cluster = new ProcessCluster(slots, Environment);
        try
        {
            for (var i = 0; i < size; i++)
                cluster.Launch(i);
            await Task.WhenAll(cluster.Nodes.Select(n => n!.WaitReadyAsync(TimeSpan.FromSeconds(60))));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts node <paramref name="index"/> again (same ports, same data) after a kill, and waits until it is ready.</summary>
    public async Task RestartAsync(int index)
    {
        if (Nodes[index] is { } old)
            await old.DisposeAsync();
        await Launch(index).WaitReadyAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The last lines of every node's log, for failure messages.</summary>
    public string Logs() => string.Join("\n", Nodes.Select((n, i) => n is null ? "" : $"--- node {i} (pid {n.Pid})\n{n.Tail(15)}"));

    private GatewayProcess Launch(int index) =>
        Nodes[index] = GatewayProcess.Start(_environment(index), _slots[index].Http, _slots[index].Data);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            if (node is not null)
                await node.DisposeAsync();
        }
    }
}
