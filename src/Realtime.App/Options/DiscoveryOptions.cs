using Microsoft.Extensions.Configuration;
using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>
/// How this node finds the cluster (<c>Realtime:Discovery</c>, env <c>Realtime__Discovery__Mode</c>, ...).
/// <list type="bullet">
/// <item><c>none</c> (default): seed nodes from <c>Realtime:Cluster:SeedNodes</c> when given, otherwise the
/// node joins itself (embedded single node).</item>
/// <item><c>seed</c>: the same, but <c>Cluster:SeedNodes</c> is required (docker compose, fixed hosts).</item>
/// <item><c>kubernetes</c>: no seed nodes and no self-join. <c>KubernetesSeedDiscovery</c> lists the pods matching
/// <see cref="EffectiveLabelSelector"/> in <see cref="PodNamespace"/> every <see cref="Interval"/> (Kubernetes API,
/// the pod's service account), takes each Running pod's IP and its container port named
/// <see cref="RemotingPortName"/>, and once <see cref="RequiredContactPoints"/> of them were stable for
/// <see cref="StableMargin"/> (or fewer after <see cref="RequiredContactPointsTimeout"/>) first looks for a running
/// cluster through the others for <see cref="ProbeTimeout"/>, then calls <c>Cluster.JoinSeedNodes</c> with them, sorted.
/// Once a member, <c>PodGoneDowning</c> downs members whose pod is gone. No HTTP management endpoint.</item>
/// </list>
/// </summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    public const string ModeNone = "none";
    public const string ModeSeed = "seed";
    public const string ModeKubernetes = "kubernetes";

    /// <summary>Name of the container port that carries Akka remoting (<c>Cluster:Port</c>); discovery looks it up by this name.</summary>
    public const string RemotingPortName = "remoting";

    /// <summary><c>none</c> | <c>seed</c> | <c>kubernetes</c> (case-insensitive).</summary>
    public string Mode { get; set; } = ModeNone;

    /// <summary>Service name of the cluster nodes: replaces <c>{0}</c> in <see cref="PodLabelSelector"/>.</summary>
    public string ServiceName { get; set; } = "realtime";

    /// <summary>Kubernetes label selector of the pods that form the cluster; <c>{0}</c> is <see cref="ServiceName"/>.</summary>
    public string PodLabelSelector { get; set; } = "app={0}";

    /// <summary>Namespace to list pods in; empty = the pod's own namespace (service account namespace file).</summary>
    public string? PodNamespace { get; set; }

    /// <summary>
    /// Nodes that must be seen before a new cluster may be formed (the initial replicas). With fewer, but other
    /// nodes there, the node only joins a running cluster through them.
    /// </summary>
    public int RequiredContactPoints { get; set; } = 3;

    /// <summary>How long the discovered nodes must stay unchanged before a join decision.</summary>
    public TimeSpan StableMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Discovery polling interval (until this node is a member), and how often members' pods are checked after that.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Before forming a cluster with the discovered nodes, how long to try joining a running one through the other
    /// nodes only (a restarted pod, whatever its address, joins the cluster that is there).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A cold start that finds fewer than <see cref="RequiredContactPoints"/> pods forms with those found after this
    /// long instead of waiting for ever.
    /// </summary>
    public TimeSpan RequiredContactPointsTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Kubernetes API server to list pods from, without credentials (e.g. <c>http://127.0.0.1:8001</c> of
    /// <c>kubectl proxy</c>). Empty (default): the in-cluster API server with the pod's service account token and CA.
    /// </summary>
    public string? ApiServerUrl { get; set; }

    public bool IsKubernetes => string.Equals(Mode, ModeKubernetes, StringComparison.OrdinalIgnoreCase);
    public bool IsSeed => string.Equals(Mode, ModeSeed, StringComparison.OrdinalIgnoreCase);
    public bool IsNone => string.Equals(Mode, ModeNone, StringComparison.OrdinalIgnoreCase);

    /// <summary>The label selector with <c>{0}</c> replaced, as the pod lookup queries it.</summary>
    public string EffectiveLabelSelector => PodLabelSelector.Replace("{0}", ServiceName, StringComparison.Ordinal);

    /// <summary>
    /// True when the node should join itself: mode <c>none</c> without seed nodes. Kubernetes mode never self-joins
    /// (seed discovery decides), seed mode uses its seed nodes.
    /// </summary>
    public bool ShouldSelfJoin(IReadOnlyCollection<string> seedNodes) => IsNone && seedNodes.Count == 0;

    /// <summary>Binds <c>Realtime:Discovery</c> on its own (for hosts that do not hold it in <see cref="RealtimeOptions"/>).</summary>
    public static DiscoveryOptions Load(IConfiguration configuration)
    {
        var options = new DiscoveryOptions();
        try
        {
            configuration.GetSection(RealtimeOptions.SectionName).GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsException([e.InnerException?.Message ?? e.Message]);
        }
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
            throw new OptionsException(errors);
        return options;
    }

    public IEnumerable<string> Validate() => Validate(null);

    /// <summary>Own settings, plus their consistency with <c>Cluster:SeedNodes</c> when those are given.</summary>
    public IEnumerable<string> Validate(IReadOnlyCollection<string>? seedNodes)
    {
        var rules = new OptionRules($"{RealtimeOptions.SectionName}:{SectionName}");
        var mode = rules.Name(nameof(Mode));
        if (!IsNone && !IsSeed && !IsKubernetes)
            return rules.Check(false, $"{mode} must be {ModeNone}, {ModeSeed} or {ModeKubernetes}, got '{Mode}'").Errors;
        const string seeds = $"{RealtimeOptions.SectionName}:Cluster:SeedNodes";
        if (seedNodes is not null)
        {
            rules.Check(!IsSeed || seedNodes.Count > 0, $"{mode}=seed needs {seeds}");
            rules.Check(!IsKubernetes || seedNodes.Count == 0, $"{mode}=kubernetes cannot be combined with {seeds} (seed discovery forms the cluster)");
        }
        if (!IsKubernetes)
            return rules.Errors;

        var selector = rules.Name(nameof(PodLabelSelector));
        rules.Check(!string.IsNullOrWhiteSpace(ServiceName), $"{rules.Name(nameof(ServiceName))} must not be empty");
        if (string.IsNullOrWhiteSpace(PodLabelSelector))
            rules.Check(false, $"{selector} must not be empty (e.g. app={{0}})");
        else
            rules.Check(PodLabelSelector.Contains('=') || PodLabelSelector.Contains(" in ", StringComparison.Ordinal),
                $"{selector} '{PodLabelSelector}' is not a label selector such as app={{0}}");
        return rules
            .AtLeast(nameof(RequiredContactPoints), RequiredContactPoints, 1)
            .Positive(nameof(StableMargin), StableMargin)
            .Positive(nameof(Interval), Interval)
            .NotNegative(nameof(ProbeTimeout), ProbeTimeout)
            .Positive(nameof(RequiredContactPointsTimeout), RequiredContactPointsTimeout)
            .Check(string.IsNullOrWhiteSpace(ApiServerUrl)
                || (Uri.TryCreate(ApiServerUrl, UriKind.Absolute, out var api) && (api.Scheme == Uri.UriSchemeHttp || api.Scheme == Uri.UriSchemeHttps)),
                $"{rules.Name(nameof(ApiServerUrl))} '{ApiServerUrl}' must be an http(s) URL")
            .Errors;
    }
}
