using Akka.Hosting;
using Realtime.Actors.ClusterFormation;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Cluster formation in Kubernetes (DESIGN.md, "Hosting"): our own seed discovery, no Akka.Management.
/// <see cref="KubernetesSeedDiscovery"/> lists the gateway pods through the Kubernetes API
/// (<see cref="KubernetesPodLookup"/>) and calls <c>Cluster.JoinSeedNodes</c> with their remoting addresses once
/// enough of them were stable; Akka's seed-node process forms or joins the cluster. <see cref="PodGoneDowning"/>
/// then downs members whose pod is gone. The split-brain resolver is configured in <see cref="ShippedHocon"/>
/// (<c>Cluster:SbrStableAfter</c>), for every mode.
/// <para>
/// Why not Akka.Management + Cluster.Bootstrap + Akka.Discovery.KubernetesApi (1.5.73): Akka.Http.Shim needs
/// Ceen.Httpd 0.9.9 (only 0.9.10 is served: MissingMethodException when the management endpoint binds), and
/// Akka.Discovery.KubernetesApi is built against KubernetesClient 17, whose 14-parameter
/// <c>ListNamespacedPodAsync</c> the served KubernetesClient 19 no longer has (MissingMethodException at the first
/// lookup). KubernetesClient is used directly instead.
/// </para>
/// </summary>
public static class ClusterBootstrapSetup
{
    /// <summary>Name of the seed discovery actor (<c>/user/seed-discovery</c>); it stops once the node is a member.</summary>
    public const string ActorName = "seed-discovery";

    /// <summary>
    /// For <see cref="DiscoveryOptions.Mode"/> = kubernetes: starts <see cref="KubernetesSeedDiscovery"/> with the
    /// ActorSystem, on the Kubernetes API pod lookup. Any other mode: nothing. Mode kubernetes needs no seed nodes
    /// and no self-join (see <see cref="DiscoveryOptions.ShouldSelfJoin"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithRealtimeClusterBootstrap(this AkkaConfigurationBuilder builder, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsKubernetes)
            return builder;
        return builder.WithRealtimeClusterBootstrap(options, () => KubernetesPodLookup.Create(options));
    }

    /// <summary>Name of the actor that downs members whose pod is gone (<c>/user/pod-gone-downing</c>).</summary>
    public const string PodGoneActorName = "pod-gone-downing";

    /// <summary>
    /// Kubernetes mode on any lookup (the factory runs when the ActorSystem starts, once per actor): seed discovery,
    /// and the downing of members whose pod is gone.
    /// </summary>
    public static AkkaConfigurationBuilder WithRealtimeClusterBootstrap(this AkkaConfigurationBuilder builder, DiscoveryOptions options, Func<ISeedNodeLookup> lookup)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lookup);
        var settings = Settings(options);
        return builder.WithActors((system, _) =>
        {
            system.ActorOf(KubernetesSeedDiscovery.Props(lookup(), settings), ActorName);
            system.ActorOf(PodGoneDowning.Props(lookup(), options.Interval, settings.LookupTimeout), PodGoneActorName);
        });
    }

    /// <summary>The actors' settings; a lookup may take as long as one interval, and at least 5 s.</summary>
    public static SeedDiscoverySettings Settings(DiscoveryOptions options) => new(
        options.RequiredContactPoints,
        options.StableMargin,
        options.Interval,
        options.Interval > TimeSpan.FromSeconds(5) ? options.Interval : TimeSpan.FromSeconds(5),
        options.ProbeTimeout,
        options.RequiredContactPointsTimeout);
}
