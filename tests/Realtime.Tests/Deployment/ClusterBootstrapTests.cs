using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Deployment;

/// <summary>
/// The configuration <see cref="ClusterBootstrapSetup"/> writes, read from the builder without starting an
/// ActorSystem (no Kubernetes API call, no management port bound).
/// </summary>
public sealed class ClusterBootstrapTests
{
    private static Config Build(DiscoveryOptions options, bool withSbr = false)
    {
        var builder = new AkkaConfigurationBuilder(new ServiceCollection(), "realtime");
        builder.WithRemoting("0.0.0.0", 4053, "10.1.2.3")
            .WithClustering(new ClusterOptions())
            .WithRealtimeClusterBootstrap(options);
        if (withSbr)
            builder.WithRealtimeSplitBrainResolver();
        Assert.True(builder.Configuration.HasValue);
        return builder.Configuration.Value;
    }

    [Fact]
    public void Kubernetes_mode_configures_discovery_bootstrap_and_management()
    {
        var config = Build(new DiscoveryOptions
        {
            Mode = "Kubernetes",
            ServiceName = "gateway",
            PodLabelSelector = "app.kubernetes.io/name={0},tier=edge",
            PodNamespace = "realtime-prod",
            RequiredContactPoints = 5,
            StableMargin = TimeSpan.FromSeconds(7),
            ManagementPort = 18558,
            NewClusterEnabled = false,
        });

        Assert.Equal("kubernetes-api", config.GetString("akka.discovery.method"));
        Assert.Equal("app.kubernetes.io/name={0},tier=edge", config.GetString("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.Equal("realtime-prod", config.GetString("akka.discovery.kubernetes-api.pod-namespace"));
        Assert.Contains("KubernetesApiServiceDiscovery", config.GetString("akka.discovery.kubernetes-api.class"));

        const string cpd = "akka.management.cluster.bootstrap.contact-point-discovery";
        Assert.Equal("gateway", config.GetString($"{cpd}.service-name"));
        Assert.Equal(5, config.GetInt($"{cpd}.required-contact-point-nr"));
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan($"{cpd}.stable-margin"));
        Assert.Equal(DiscoveryOptions.ManagementPortName, config.GetString($"{cpd}.port-name"));
        Assert.False(config.GetBoolean("akka.management.cluster.bootstrap.new-cluster-enabled"));
        Assert.Equal(18558, config.GetInt("akka.management.cluster.bootstrap.contact-point.fallback-port"));

        Assert.Equal(18558, config.GetInt("akka.management.http.port"));
        Assert.Equal("0.0.0.0", config.GetString("akka.management.http.bind-hostname"));
        Assert.Equal("18558", config.GetString("akka.management.http.bind-port"));
    }

    [Fact]
    public void Kubernetes_defaults_give_app_label_selector_and_three_contact_points()
    {
        var options = new DiscoveryOptions { Mode = DiscoveryOptions.ModeKubernetes };
        var config = Build(options);

        Assert.Equal("app={0}", config.GetString("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.Equal("app=realtime", options.EffectiveLabelSelector);
        Assert.Equal("realtime", config.GetString("akka.management.cluster.bootstrap.contact-point-discovery.service-name"));
        Assert.Equal(3, config.GetInt("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
        Assert.Equal(8558, config.GetInt("akka.management.http.port"));
        Assert.False(options.ShouldSelfJoin([]));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("seed")]
    public void Other_modes_add_no_management_or_discovery(string mode)
    {
        var config = Build(new DiscoveryOptions { Mode = mode });

        Assert.False(config.HasPath("akka.management.cluster.bootstrap.contact-point-discovery.service-name"));
        Assert.False(config.HasPath("akka.discovery.kubernetes-api.pod-label-selector"));
        Assert.NotEqual("kubernetes-api", config.GetString("akka.discovery.method", "none"));
    }

    [Fact]
    public void Split_brain_resolver_is_keep_majority_with_stable_after()
    {
        var config = Build(new DiscoveryOptions(), withSbr: true).WithFallback(ConfigurationFactory.Default());

        Assert.Equal("Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster", config.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(TimeSpan.FromSeconds(20), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(ClusterBootstrapSetup.SplitBrainResolverConfig().GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"),
            config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }

    [Fact]
    public void Settings_bind_from_environment_style_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Discovery:Mode"] = "kubernetes",
            ["Realtime:Discovery:ManagementPort"] = "9558",
            ["Realtime:Discovery:PodLabelSelector"] = "app.kubernetes.io/name={0}",
            ["Realtime:Discovery:RequiredContactPoints"] = "2",
            ["Realtime:Discovery:StableMargin"] = "00:00:03",
        }).Build();

        var options = DiscoveryOptions.Load(configuration);

        Assert.True(options.IsKubernetes);
        Assert.Equal(9558, options.ManagementPort);
        Assert.Equal("app.kubernetes.io/name=realtime", options.EffectiveLabelSelector);
        Assert.Equal(2, options.RequiredContactPoints);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StableMargin);
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
            Mode = "kubernetes", ManagementPort = 0, ServiceName = " ", PodLabelSelector = "realtime",
            RequiredContactPoints = 0, StableMargin = TimeSpan.Zero,
        }.Validate().ToList();
        Assert.Contains(bad, e => e.Contains("ManagementPort", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("ServiceName", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("PodLabelSelector", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("RequiredContactPoints", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("StableMargin", StringComparison.Ordinal));

        Assert.Contains(new DiscoveryOptions { Mode = "seed" }.Validate([]), e => e.Contains("SeedNodes", StringComparison.Ordinal));
        Assert.Contains(new DiscoveryOptions { Mode = "kubernetes" }.Validate(["akka.tcp://realtime@a:4053"]),
            e => e.Contains("SeedNodes", StringComparison.Ordinal));
        Assert.Throws<OptionsException>(() => DiscoveryOptions.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Realtime:Discovery:Mode"] = "dns" }).Build()));
    }
}
