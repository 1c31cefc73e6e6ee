using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Configuration;
using Realtime.Actors.ClusterFormation;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Deployment;

/// <summary>
/// Kubernetes seed discovery without a cluster: the settings, the pure join decision (<see cref="SeedNodePlanner"/>)
/// and the pod lookup (<see cref="KubernetesPodLookup"/>) through the real KubernetesClient against
/// <see cref="FakeKubernetesApi"/>.
/// </summary>
public sealed class ClusterBootstrapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SeedCandidate C(string host, int port = 4053) => new(host, port);

    // ---- SeedNodePlanner ------------------------------------------------------------------------------

    [Fact]
    public void Builds_akka_tcp_addresses_of_the_system()
    {
        var address = SeedNodePlanner.BuildAddress("realtime", C("10.1.2.3"));
        Assert.Equal("akka.tcp://realtime@10.1.2.3:4053", address.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedNodePlanner.BuildAddress("realtime", C("10.1.2.3", 0)));
        Assert.Throws<ArgumentException>(() => SeedNodePlanner.BuildAddress("realtime", C(" ")));
    }

    [Fact]
    public void Sorts_ips_numerically_ipv4_first_then_host_names_then_ports()
    {
        var sorted = SeedNodePlanner.Sort(new[]
        {
            C("gateway-b"), C("10.0.0.10"), C("fd00::1"), C("10.0.0.9", 4054), C("10.0.0.9"), C("gateway-a"), C("9.255.0.1"),
        }.Select(c => SeedNodePlanner.BuildAddress("realtime", c)));

        Assert.Equal(new[]
        {
            "9.255.0.1 4053", "10.0.0.9 4053", "10.0.0.9 4054", "10.0.0.10 4053", "fd00::1 4053", "gateway-a 4053", "gateway-b 4053",
        }, sorted.Select(a => $"{a.Host} {a.Port}"));
    }

    [Fact]
    public void Every_node_gets_the_same_seed_order_whatever_the_order_of_the_lookup()
    {
        var a = new SeedNodePlanner("realtime", 3, TimeSpan.Zero);
        var b = new SeedNodePlanner("realtime", 3, TimeSpan.Zero);
        var ja = Assert.IsType<SeedDecision.Join>(a.Observe([C("10.0.0.3"), C("10.0.0.1"), C("10.0.0.2")], T0));
        var jb = Assert.IsType<SeedDecision.Join>(b.Observe([C("10.0.0.2"), C("10.0.0.3"), C("10.0.0.1"), C("10.0.0.1")], T0));
        Assert.Equal(ja.SeedNodes, jb.SeedNodes);
        Assert.Equal("akka.tcp://realtime@10.0.0.1:4053", ja.SeedNodes[0].ToString());
        Assert.Equal(3, ja.SeedNodes.Count);
    }

    [Fact]
    public void Waits_for_the_required_nodes_and_a_stable_set()
    {
        var planner = new SeedNodePlanner("realtime", 2, TimeSpan.FromSeconds(5));

        Assert.IsType<SeedDecision.Wait>(planner.Observe([], T0));
        var one = Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1")], T0.AddSeconds(1)));
        Assert.Contains("1 of 2", one.Reason);
        // two nodes from t=2: not stable until t=7
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1"), C("10.0.0.2")], T0.AddSeconds(2)));
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.2"), C("10.0.0.1")], T0.AddSeconds(6.9)));
        Assert.IsType<SeedDecision.Join>(planner.Observe([C("10.0.0.1"), C("10.0.0.2")], T0.AddSeconds(7)));
        // a third pod restarts the window
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1"), C("10.0.0.2"), C("10.0.0.3")], T0.AddSeconds(8)));
        var join = Assert.IsType<SeedDecision.Join>(planner.Observe([C("10.0.0.1"), C("10.0.0.2"), C("10.0.0.3")], T0.AddSeconds(13)));
        Assert.Equal(3, join.SeedNodes.Count);
        // a pod gone: the window restarts again
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1"), C("10.0.0.3")], T0.AddSeconds(14)));
    }

    [Fact]
    public void Below_the_required_count_joins_a_running_cluster_through_the_others_only()
    {
        var self = new Address("akka.tcp", "realtime", "10.0.0.1", 4053);
        var planner = new SeedNodePlanner("realtime", 3, TimeSpan.FromSeconds(1), self);

        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1")], T0));
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1")], T0.AddSeconds(5)));
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.2"), C("10.0.0.1")], T0.AddSeconds(6)));
        var existing = Assert.IsType<SeedDecision.JoinExisting>(planner.Observe([C("10.0.0.1"), C("10.0.0.2")], T0.AddSeconds(7)));
        Assert.Equal(["akka.tcp://realtime@10.0.0.2:4053"], existing.SeedNodes.Select(a => a.ToString()));
    }

    [Fact]
    public void With_enough_nodes_it_first_looks_for_a_running_cluster_through_the_others_then_forms()
    {
        var self = new Address("akka.tcp", "realtime", "10.0.0.1", 4053);
        var planner = new SeedNodePlanner("realtime", 3, TimeSpan.FromSeconds(1), self, probeTimeout: TimeSpan.FromSeconds(3));
        SeedCandidate[] pods = [C("10.0.0.1"), C("10.0.0.2"), C("10.0.0.3")];

        Assert.IsType<SeedDecision.Wait>(planner.Observe(pods, T0));
        var probe = Assert.IsType<SeedDecision.JoinExisting>(planner.Observe(pods, T0.AddSeconds(1)));
        Assert.Equal(["akka.tcp://realtime@10.0.0.2:4053", "akka.tcp://realtime@10.0.0.3:4053"], probe.SeedNodes.Select(a => a.ToString()));
        Assert.IsType<SeedDecision.JoinExisting>(planner.Observe(pods, T0.AddSeconds(3.9)));
        var form = Assert.IsType<SeedDecision.Join>(planner.Observe(pods, T0.AddSeconds(4)));
        Assert.Equal(self, form.SeedNodes[0]);
    }

    [Fact]
    public void A_cold_start_with_fewer_than_the_required_nodes_forms_after_the_timeout()
    {
        var self = new Address("akka.tcp", "realtime", "10.0.0.1", 4053);
        var planner = new SeedNodePlanner("realtime", 3, TimeSpan.FromSeconds(1), self, TimeSpan.FromSeconds(3), requiredContactPointsTimeout: TimeSpan.FromSeconds(30));

        Assert.IsType<SeedDecision.Wait>(planner.Observe([], T0));
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1")], T0.AddSeconds(1)));
        Assert.IsType<SeedDecision.Wait>(planner.Observe([C("10.0.0.1")], T0.AddSeconds(29.9)));
        var alone = Assert.IsType<SeedDecision.Join>(planner.Observe([C("10.0.0.1")], T0.AddSeconds(30)));
        Assert.Equal([self], alone.SeedNodes);
    }

    // ---- PodGoneRule -------------------------------------------------------------------------------------

    private static readonly Address Self = new("akka.tcp", "realtime", "10.0.0.1", 4053);

    private static (Address, MemberStatus, bool) Member(string host, MemberStatus status = MemberStatus.Up, bool unreachable = false) =>
        (new Address("akka.tcp", "realtime", host, 4053), status, unreachable);

    [Fact]
    public void Members_without_a_running_pod_are_gone_and_terminating_ones_only_once_unreachable()
    {
        var listing = new PodListing([C("10.0.0.1"), C("10.0.0.2")], [C("10.0.0.5"), C("10.0.0.6")]);
        var members = new[]
        {
            Member("10.0.0.1"), Member("10.0.0.2"),
            Member("10.0.0.3"), // deleted, evicted or replaced: no pod
            Member("10.0.0.4", unreachable: true),
            Member("10.0.0.5"), // terminating and still answering: drains and leaves by itself
            Member("10.0.0.6", unreachable: true),
            Member("10.0.0.7", MemberStatus.Down), Member("10.0.0.8", MemberStatus.Leaving), Member("10.0.0.9", MemberStatus.Joining),
        };

        var gone = PodGoneRule.MembersToDown(members, listing, Self);

        Assert.Equal(["10.0.0.3", "10.0.0.4", "10.0.0.6", "10.0.0.9"], gone.Select(a => a.Host));
    }

    [Fact]
    public void A_listing_without_this_node_downs_nobody()
    {
        var listing = new PodListing([C("10.0.0.2")], []);
        Assert.Empty(PodGoneRule.MembersToDown([Member("10.0.0.1"), Member("10.0.0.2"), Member("10.0.0.3")], listing, Self));
    }

    // ---- KubernetesPodLookup on the real client ---------------------------------------------------------

    [Fact]
    public async Task Pod_lookup_lists_running_pods_of_the_selector_in_the_namespace_with_their_remoting_port()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        api.Pods["realtime-prod"] =
        [
            new FakePod("a", "10.0.0.7", 4053),
            new FakePod("b", "10.0.0.8", 4053),
            new FakePod("pending", "10.0.0.9", 4053, Phase: "Pending"),
            new FakePod("no-ip", null, 4053),
            new FakePod("deleting", "10.0.0.10", 4053, Deleting: true),
            new FakePod("no-remoting", "10.0.0.11", 4053, RemotingPortName: "metrics"),
            new FakePod("other-app", "10.0.0.12", 4053, PodLabels: new Dictionary<string, string> { ["app"] = "nats" }),
        ];
        api.Pods["default"] = [new FakePod("elsewhere", "10.9.9.9", 4053)];

        using var lookup = KubernetesPodLookup.Create(new DiscoveryOptions
        {
            Mode = "kubernetes", ApiServerUrl = api.Url, PodNamespace = "realtime-prod",
        });
        var found = await lookup.ListAsync(CancellationToken.None);

        Assert.Equal([C("10.0.0.7"), C("10.0.0.8")], found.Serving.OrderBy(c => c.Host).ToArray());
        Assert.Equal([C("10.0.0.10")], found.Terminating);
        var request = Assert.Single(api.Requests);
        Assert.StartsWith("/api/v1/namespaces/realtime-prod/pods?", request);
        Assert.Contains("labelSelector=app%3Drealtime", request);
    }

    [Fact]
    public async Task Pod_lookup_failures_surface_as_exceptions()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var url = api.Url;
        await api.DisposeAsync();
        using var lookup = KubernetesPodLookup.Create(new DiscoveryOptions { Mode = "kubernetes", ApiServerUrl = url, PodNamespace = "x" });
        await Assert.ThrowsAnyAsync<Exception>(() => lookup.ListAsync(CancellationToken.None));
    }

    [Fact]
    public void Outside_a_pod_without_an_api_server_url_the_lookup_says_what_to_set()
    {
        if (Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 })
            return; // running inside a pod: the in-cluster configuration is real there
        var e = Assert.Throws<InvalidOperationException>(() => KubernetesPodLookup.Create(new DiscoveryOptions { Mode = "kubernetes" }));
        Assert.Contains("ApiServerUrl", e.Message);
    }

    // ---- DiscoveryOptions ------------------------------------------------------------------------------

    [Fact]
    public void Kubernetes_defaults_select_app_realtime_and_need_three_nodes()
    {
        var options = new DiscoveryOptions { Mode = DiscoveryOptions.ModeKubernetes };
        Assert.Empty(options.Validate([]));
        Assert.Equal("app=realtime", options.EffectiveLabelSelector);
        Assert.Equal(3, options.RequiredContactPoints);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StableMargin);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Interval);
        Assert.Equal("remoting", DiscoveryOptions.RemotingPortName);
        Assert.False(options.ShouldSelfJoin([]));

        var settings = ClusterBootstrapSetup.Settings(options);
        Assert.Equal(new SeedDiscoverySettings(3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(1)), settings);
    }

    [Fact]
    public void Settings_bind_from_environment_style_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Discovery:Mode"] = "kubernetes",
            ["Realtime:Discovery:ServiceName"] = "gateway",
            ["Realtime:Discovery:PodLabelSelector"] = "app.kubernetes.io/name={0},tier=edge",
            ["Realtime:Discovery:PodNamespace"] = "realtime-prod",
            ["Realtime:Discovery:RequiredContactPoints"] = "2",
            ["Realtime:Discovery:StableMargin"] = "00:00:03",
            ["Realtime:Discovery:Interval"] = "00:00:00.500",
            ["Realtime:Discovery:ApiServerUrl"] = "http://127.0.0.1:8001",
        }).Build();

        var options = DiscoveryOptions.Load(configuration);

        Assert.True(options.IsKubernetes);
        Assert.Equal("app.kubernetes.io/name=gateway,tier=edge", options.EffectiveLabelSelector);
        Assert.Equal("realtime-prod", options.PodNamespace);
        Assert.Equal(2, options.RequiredContactPoints);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StableMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Interval);
        Assert.Equal("http://127.0.0.1:8001", options.ApiServerUrl);
    }

    [Fact]
    public void Defaults_self_join_a_single_node()
    {
        var options = new DiscoveryOptions();
        Assert.Empty(options.Validate());
        Assert.True(options.ShouldSelfJoin([]));
        Assert.False(options.ShouldSelfJoin(["akka.tcp://realtime@a:4053"]));
        Assert.False(new DiscoveryOptions { Mode = "seed" }.ShouldSelfJoin([]));
    }

    [Fact]
    public void Validate_reports_bad_settings()
    {
        Assert.Contains(new DiscoveryOptions { Mode = "consul" }.Validate(), e => e.Contains("Discovery:Mode", StringComparison.Ordinal));
        var bad = new DiscoveryOptions
        {
            Mode = "kubernetes", ServiceName = " ", PodLabelSelector = "realtime",
            RequiredContactPoints = 0, StableMargin = TimeSpan.Zero, Interval = TimeSpan.Zero, ApiServerUrl = "ftp://x",
            ProbeTimeout = TimeSpan.FromSeconds(-1), RequiredContactPointsTimeout = TimeSpan.Zero,
        }.Validate().ToList();
        Assert.Contains(bad, e => e.Contains("ProbeTimeout", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("RequiredContactPointsTimeout", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("ServiceName", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("PodLabelSelector", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("RequiredContactPoints", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("StableMargin", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("Interval", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("ApiServerUrl", StringComparison.Ordinal));

        Assert.Contains(new DiscoveryOptions { Mode = "seed" }.Validate([]), e => e.Contains("SeedNodes", StringComparison.Ordinal));
        Assert.Contains(new DiscoveryOptions { Mode = "kubernetes" }.Validate(["akka.tcp://realtime@a:4053"]),
            e => e.Contains("SeedNodes", StringComparison.Ordinal));
        Assert.Throws<OptionsException>(() => DiscoveryOptions.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Realtime:Discovery:Mode"] = "dns" }).Build()));
    }
}
