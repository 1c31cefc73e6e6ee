using System.Globalization;
using System.Text.Json.Nodes;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.App.Endpoints;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Deployment;

/// <summary>
/// Invariants of the rendered Kubernetes manifests (<c>kubectl kustomize docker/k8s</c>) against the app itself:
/// probe paths are routes the app maps, probe and container ports are the app's default port, RBAC lets
/// discovery list and watch pods, the discovery label selector selects the Deployment's own pods, the grace
/// period outlasts the drain, and the container port named remoting is the app's Cluster:Port (4053), which seed
/// discovery joins.
/// </summary>
public sealed class KustomizeTests(KustomizeRender render) : IClassFixture<KustomizeRender>
{
    /// <summary>Default of <c>Realtime:Drain:Timeout</c> when the manifests do not set it.</summary>
    private static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    private JsonObject Deployment => render.Single("Deployment", "realtime");
    private JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();
    private JsonObject Container => render.GatewayContainer();
    private Dictionary<string, string> PodLabels => Labels(Deployment["spec"]!["template"]!["metadata"]!["labels"]);

    [Fact]
    public void Renders_the_expected_objects()
    {
        var kinds = render.Objects.Select(o => (string)o["kind"]!).ToHashSet();
        foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "PodDisruptionBudget" })
            Assert.Contains(kind, kinds);
        Assert.All(render.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("realtime", (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public void Probes_use_the_apps_health_routes_and_port()
    {
        var appPort = new Uri(ListenAddresses.Default).Port;
        var routes = AppGetRoutes();

        var readiness = Container["readinessProbe"]!["httpGet"]!;
        var liveness = Container["livenessProbe"]!["httpGet"]!;
        Assert.Equal("/readyz", (string?)readiness["path"]);
        Assert.Equal("/healthz", (string?)liveness["path"]);
        Assert.Contains("/readyz", routes);
        Assert.Contains("/healthz", routes);
        Assert.Equal(appPort, ContainerPort(readiness["port"]));
        Assert.Equal(appPort, ContainerPort(liveness["port"]));

        // the container listens where the port is declared
        Assert.Equal(appPort, new Uri(Env()["Realtime__Urls"]).Port);
        Assert.Equal(5050, appPort);

        var service = render.Single("Service", "realtime");
        var servicePort = service["spec"]!["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!;
        Assert.Equal(appPort, ContainerPort(servicePort["targetPort"]));
        AssertSelects(service["spec"]!["selector"], "Service realtime");
    }

    [Fact]
    public void Rbac_lets_the_pods_service_account_get_list_and_watch_pods()
    {
        var accountName = (string?)PodSpec["serviceAccountName"];
        Assert.False(string.IsNullOrEmpty(accountName), "the Deployment must run under its own ServiceAccount");
        var account = render.Single("ServiceAccount", accountName);
        var ns = (string?)account["metadata"]!["namespace"];

        var binding = render.All("RoleBinding").SingleOrDefault(b => b["subjects"]!.AsArray().Any(s =>
            (string?)s!["kind"] == "ServiceAccount" && (string?)s["name"] == accountName && (string?)s["namespace"] == ns));
        Assert.True(binding is not null, $"no RoleBinding binds ServiceAccount {ns}/{accountName}");
        Assert.Equal("Role", (string?)binding!["roleRef"]!["kind"]);
        Assert.Equal(ns, (string?)binding["metadata"]!["namespace"]);

        var role = render.Single("Role", (string?)binding["roleRef"]!["name"]);
        var podRules = role["rules"]!.AsArray()
            .Where(r => Strings(r!["apiGroups"]).Contains("") && Strings(r!["resources"]).Contains("pods"))
            .SelectMany(r => Strings(r!["verbs"]))
            .ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "list", "watch" }, podRules);
    }

    [Fact]
    public void Discovery_label_selector_matches_the_pod_labels()
    {
        var env = Env();
        var discovery = DiscoveryFromEnv(env);

        Assert.True(discovery.IsKubernetes, "Realtime__Discovery__Mode must be kubernetes in the manifests");
        Assert.Empty(discovery.Validate([]));
        var selector = ParseSelector(discovery.EffectiveLabelSelector);
        Assert.NotEmpty(selector);
        foreach (var (key, value) in selector)
            Assert.True(PodLabels.TryGetValue(key, out var actual) && actual == value,
                $"discovery selects {key}={value} but the pod template has {key}={(actual ?? "(none)")}");

        AssertSelects(Deployment["spec"]!["selector"]!["matchLabels"], "Deployment selector");
        AssertSelects(render.Single("PodDisruptionBudget")["spec"]!["selector"]!["matchLabels"], "PodDisruptionBudget");

        // remoting advertises the pod IP (downward API); discovery looks in the pod's own namespace
        var own = Container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);
        Assert.Equal("status.podIP", (string?)own["Realtime__Cluster__PublicHostname"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.namespace", (string?)own["Realtime__Discovery__PodNamespace"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.False(env.ContainsKey("Realtime__Cluster__SeedNodes"), "kubernetes mode forms the cluster without seed nodes");
    }

    [Fact]
    public void Remoting_port_is_the_one_seed_discovery_reads_and_the_apps_cluster_port()
    {
        var env = Env();
        var ports = Container["ports"]!.AsArray();
        var remoting = ports.SingleOrDefault(p => (string?)p!["name"] == DiscoveryOptions.RemotingPortName);
        Assert.True(remoting is not null, $"the container must name its remoting port '{DiscoveryOptions.RemotingPortName}' (seed discovery reads it)");
        var clusterPort = env.TryGetValue("Realtime__Cluster__Port", out var configured)
            ? int.Parse(configured, CultureInfo.InvariantCulture)
            : new ClusterNodeOptions().Port;
        Assert.Equal(clusterPort, Int(remoting!["containerPort"]));
        Assert.Equal(new ClusterNodeOptions().Port, Int(remoting["containerPort"]));
        Assert.Equal(4053, Int(remoting["containerPort"]));

        // no HTTP management endpoint any more: nothing may still point at one
        Assert.DoesNotContain(ports, p => (string?)p!["name"] == "management" || Int(p!["containerPort"]) == 8558);
        Assert.DoesNotContain(env.Keys, k => k.Contains("Management", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(render.All("Service"), s => s["spec"]!["ports"]!.AsArray()
            .Any(p => (string?)p!["name"] == "management" || (string?)p["port"] == "8558"));
    }

    [Fact]
    public void Grace_period_outlasts_the_drain()
    {
        var env = Env();
        var drain = env.TryGetValue("Realtime__Drain__Timeout", out var value)
            ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : DefaultDrainTimeout;
        var grace = TimeSpan.FromSeconds(Int(PodSpec["terminationGracePeriodSeconds"]));
        Assert.True(grace > drain, $"terminationGracePeriodSeconds {grace.TotalSeconds} s must exceed the drain timeout {drain.TotalSeconds} s");
    }

    [Fact]
    public void The_shipped_Secret_holds_placeholders_that_a_production_node_refuses_naming_each()
    {
        var error = Assert.Throws<OptionsException>(() => RealtimeOptions.Load(Configuration(Env()), Environments.Production));
        Assert.Contains(error.Errors, e => e.StartsWith("Realtime:Jwt:HmacKeys[0] is the placeholder", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Realtime:Ingest:Keys[0] is the placeholder", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Realtime:Journal:ConnectionString is the placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Uncommenting_the_ConfigMaps_SnapshotUrl_gives_the_node_its_one_directory_source()
    {
        var line = File.ReadAllLines(Path.Combine(render.RepoRoot, KustomizeRender.KustomizationDir, "configmap.yaml"))
            .Single(l => l.TrimStart().StartsWith("# Realtime__Directory__SnapshotUrl:", StringComparison.Ordinal));
        var (key, value) = (line.Split(':', 2)[0].TrimStart('#', ' '), line.Split(':', 2)[1].Trim().Trim('"'));
        var env = Env();
        env[key] = value;
        foreach (var (secret, supplied) in OperatorSecrets)
            env[secret] = supplied;
        var options = RealtimeOptions.Load(Configuration(env), Environments.Production);
        Assert.Equal(value, options.Directory.SnapshotUrl);
        Assert.Null(options.Directory.SnapshotFile);
        Assert.False(options.UsesDevSigningKey);
        Assert.False(options.UsesDevIngestKey);
    }

    /// <summary>What an operator supplies in an overlay in place of the example Secret.</summary>
    public static readonly IReadOnlyDictionary<string, string> OperatorSecrets = new Dictionary<string, string>
    {
        ["Realtime__Jwt__HmacKeys"] = "operator-signing-key-0123456789abcdef",
        ["Realtime__Ingest__Keys"] = "operator-ingest-key-0123",
        ["Realtime__Journal__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=realtime;Password=operator-password;Database=realtime",
    };

    /// <summary>The environment as configuration, with what the downward API fills in at run time.</summary>
    private static IConfiguration Configuration(Dictionary<string, string> env) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(env.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Realtime:Cluster:PublicHostname"] = "10.0.0.7",
                ["Realtime:Discovery:PodNamespace"] = "realtime",
            })
            .Build();

    // ---- helpers --------------------------------------------------------------------------------------

    private Dictionary<string, string> Env() => render.ContainerEnvironment();

    private static DiscoveryOptions DiscoveryFromEnv(Dictionary<string, string> env) =>
        DiscoveryOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(
            env.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value))).Build());

    /// <summary>A port number, or the named container port it refers to.</summary>
    private int ContainerPort(JsonNode? port)
    {
        var text = (string)port!;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number;
        var named = Container["ports"]!.AsArray().SingleOrDefault(p => (string?)p!["name"] == text);
        Assert.True(named is not null, $"port '{text}' is not a named port of the container");
        return Int(named!["containerPort"]);
    }

    private void AssertSelects(JsonNode? selector, string what)
    {
        var labels = Labels(selector);
        Assert.NotEmpty(labels);
        var pod = PodLabels;
        foreach (var (key, value) in labels)
            Assert.True(pod.TryGetValue(key, out var actual) && actual == value, $"{what} selects {key}={value}, not a pod template label");
    }

    /// <summary>Equality-based selector terms (<c>a=b,c==d</c>); anything else is outside what these manifests use.</summary>
    private static List<(string Key, string Value)> ParseSelector(string selector) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(term =>
        {
            var parts = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2, StringSplitOptions.TrimEntries);
            Assert.True(parts.Length == 2 && !term.Contains("!=", StringComparison.Ordinal), $"label selector term '{term}' is not key=value");
            return (parts[0], parts[1]);
        }).ToList();

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        (node?.AsObject() ?? []).ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);

    private static List<string> Strings(JsonNode? node) => (node?.AsArray() ?? []).Select(n => (string)n!).ToList();

    private static int Int(JsonNode? node) => int.Parse((string)node!, CultureInfo.InvariantCulture);

    /// <summary>The GET routes the app maps for health (HealthEndpoints.MapHealth), read from its endpoint data source.</summary>
    private static HashSet<string> AppGetRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        app.MapHealth();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
    }
}
