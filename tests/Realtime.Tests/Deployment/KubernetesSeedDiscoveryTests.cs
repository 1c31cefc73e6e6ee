using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Tests.Infrastructure;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Deployment;

/// <summary>
/// Whole gateways in Mode=kubernetes, no seed nodes: each lists "its pods" through the real KubernetesClient
/// from <see cref="FakeKubernetesApi"/> (pod IP 127.0.0.1, container port remoting = the node's Cluster:Port),
/// and the nodes form one cluster; a later node whose address sorts first joins that cluster instead of
/// forming its own.
/// </summary>
[Collection("gateway")]
public sealed class KubernetesSeedDiscoveryTests
{
    private const string Namespace = "realtime-test";

    private static Dictionary<string, string?> Settings(FakeKubernetesApi api, int port, int required, string requiredTimeout = "00:01:00") => new()
    {
        ["Realtime:Discovery:ProbeTimeout"] = "00:00:01",
        ["Realtime:Discovery:RequiredContactPointsTimeout"] = requiredTimeout,
        ["Realtime:Cluster:Port"] = port.ToString(),
        ["Realtime:Discovery:Mode"] = "kubernetes",
        ["Realtime:Discovery:ApiServerUrl"] = api.Url,
        ["Realtime:Discovery:PodNamespace"] = Namespace,
        ["Realtime:Discovery:RequiredContactPoints"] = required.ToString(),
        ["Realtime:Discovery:StableMargin"] = "00:00:00.300",
        ["Realtime:Discovery:Interval"] = "00:00:00.100",
    };

    [Fact]
    public async Task Nodes_found_through_the_kubernetes_api_form_one_cluster_and_a_later_first_seed_joins_it()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        // the later node gets the lowest port: it is the first seed of its sorted list
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort.Get()).Order().ToArray();
        int late = ports[0], a = ports[1], b = ports[2];
        api.Pods[Namespace] = [new FakePod("realtime-a", "127.0.0.1", a), new FakePod("realtime-b", "127.0.0.1", b)];

        var nodes = new List<TestGateway>();
        try
        {
            // both at once: /readyz (which StartAsync waits for) needs the node Up, and that needs the other node
            nodes.AddRange(await Task.WhenAll(
                TestGateway.StartAsync(Settings(api, a, required: 2)),
                TestGateway.StartAsync(Settings(api, b, required: 2))));
            await AssertUpMembers(nodes, [a, b]);

            api.Pods[Namespace] = [.. api.Pods[Namespace], new FakePod("realtime-late", "127.0.0.1", late)];
            nodes.Add(await TestGateway.StartAsync(Settings(api, late, required: 3)));
            await AssertUpMembers(nodes, [a, b, late]);

            Assert.Contains(api.Requests, r => r.StartsWith($"/api/v1/namespaces/{Namespace}/pods?", StringComparison.Ordinal)
                                               && r.Contains("labelSelector=app%3Drealtime", StringComparison.Ordinal));
            // done once joined: the discovery actor stopped on every node
            foreach (var node in nodes)
                await WaitFor(() => !Exists(node, "/user/seed-discovery"), "seed-discovery stops once the node is a member");
        }
        finally
        {
            for (var i = nodes.Count - 1; i >= 0; i--)
                await nodes[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task The_lowest_address_node_restarting_next_to_the_running_cluster_joins_it()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort.Get()).Order().ToArray();
        api.Pods[Namespace] = ports.Select((p, i) => new FakePod($"realtime-{i}", "127.0.0.1", p)).ToList();

        var nodes = new List<TestGateway>();
        var crashed = new List<TestGateway>();
        try
        {
            nodes.AddRange(await Task.WhenAll(ports.Select(p => TestGateway.StartAsync(Settings(api, p, required: 3)))));
            await AssertUpMembers(nodes, ports);

            // The first seed of every sorted list goes away and comes back on the same address while the others run.
            await nodes[0].CrashAsync();
            crashed.Add(nodes[0]);
            nodes[0] = await TestGateway.StartAsync(Settings(api, ports[0], required: 3));

            await AssertUpMembers(nodes, ports);
        }
        finally
        {
            foreach (var node in nodes.Concat(crashed).Reverse())
                await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cold_start_with_fewer_pods_than_required_forms_after_the_timeout()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var port = FreePort.Get();
        api.Pods[Namespace] = [new FakePod("realtime-alone", "127.0.0.1", port)];

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var node = await TestGateway.StartAsync(Settings(api, port, required: 3, requiredTimeout: "00:00:02"));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"formed after {clock.Elapsed}, before the 2 s timeout");
        await AssertUpMembers([node], [port]);
    }

    [Fact]
    public async Task A_member_whose_pod_the_api_reports_deleted_is_downed_within_2_s()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var ports = Enumerable.Range(0, 2).Select(_ => FreePort.Get()).Order().ToArray();
        api.Pods[Namespace] = ports.Select((p, i) => new FakePod($"realtime-{i}", "127.0.0.1", p)).ToList();
        // The downed node stops without a cluster to leave: a short drain keeps its disposal quick.
        var nodes = (await Task.WhenAll(ports.Select(p => TestGateway.StartAsync(
            new Dictionary<string, string?>(Settings(api, p, required: 2)) { ["Realtime:Drain:Timeout"] = "00:00:02" })))).ToList();
        try
        {
            await AssertUpMembers(nodes, ports);
            var survivor = Cluster.Get(nodes[0].Services.GetRequiredService<ActorSystem>());

            api.Pods[Namespace] = [api.Pods[Namespace][0]];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await WaitFor(() => survivor.State.Members.All(m => m.Address.Port != ports[1] || m.Status is MemberStatus.Down or MemberStatus.Removed),
                "the member of the deleted pod is downed");
            Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(2), $"downed after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            for (var i = nodes.Count - 1; i >= 0; i--)
                await nodes[i].DisposeAsync();
        }
    }

    private static async Task AssertUpMembers(List<TestGateway> nodes, int[] ports)
    {
        var expected = ports.Order().ToArray();
        foreach (var node in nodes)
        {
            var cluster = Cluster.Get(node.Services.GetRequiredService<ActorSystem>());
            await WaitFor(() => cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address.Port ?? 0).Order()
                .SequenceEqual(expected), $"{cluster.SelfAddress} sees Up members {string.Join(",", expected)}; has " +
                string.Join(",", cluster.State.Members.Select(m => $"{m.Address.Port}:{m.Status}")));
        }
        // one cluster: every node sees the same leader
        Assert.Single(nodes.Select(n => Cluster.Get(n.Services.GetRequiredService<ActorSystem>()).State.Leader).Distinct());
    }

    private static bool Exists(TestGateway node, string path)
    {
        var system = node.Services.GetRequiredService<ActorSystem>();
        try
        {
            system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
            return true;
        }
        catch (ActorNotFoundException)
        {
            return false;
        }
    }

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out: {what}");
            await Task.Delay(50);
        }
    }
}
