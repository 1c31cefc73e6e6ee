using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Akka.Hosting.Logging;
using Akka.Remote.Hosting;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.ClusterFormation;
using Realtime.Actors.Ingress;
using Realtime.Actors.Recovery;
using Realtime.Actors.Routing;
using Realtime.Actors.Sessions;
using Realtime.App.Options;
using Realtime.Messages.Bus;

namespace Realtime.App.Hosting;

/// <summary>The Akka.NET side of the host: remoting, cluster, pub-sub and the per-node actors; the rest is in <see cref="ShippedHocon"/>.</summary>
public static class RealtimeAkkaSetup
{
    /// <summary>How often unreachable members are probed for a refusing remoting port (and how long a probe may take).</summary>
    private static readonly TimeSpan RefusedProbeInterval = TimeSpan.FromMilliseconds(250);

    public static IServiceCollection AddRealtimeAkka(this IServiceCollection services, RealtimeOptions options, AccessDirectory directory,
        RoutingCounters counters, TokenRevocations revocations)
    {
        services.AddAkka(options.Cluster.SystemName, (akka, provider) =>
        {
            akka.WithRemoting(options.Cluster.Hostname, options.Cluster.Port, options.Cluster.PublicHostname)
                .WithClustering(new ClusterOptions { SeedNodes = options.Cluster.SeedNodes.ToArray() })
                .AddHocon($"akka.loglevel = {options.AkkaLogLevel.ToUpperInvariant()}", HoconAddMode.Prepend)
                // Serializers and their bindings, sharding, split-brain resolver and failure detector: hocon/.
                .AddHocon(ShippedHocon.For(options.Cluster), HoconAddMode.Prepend)
                .WithRealtimeClusterBootstrap(options.Discovery)
                .WithDistributedPubSub(null!)
                // One log stream: Akka's events go through Microsoft.Extensions.Logging, in ASP.NET's format and sinks.
                .AddSetup(new LoggerFactorySetup(provider.GetRequiredService<ILoggerFactory>()))
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLogger<AkkaLogBridge>();
                })
                .WithRealtimeChat(options)
                .WithActors((system, registry) =>
                {
                    var routing = options.Routing;
                    var router = system.ActorOf(TopicRouter.Props(directory,
                        new RouterSettings(routing.CoalesceQuiet, routing.CoalesceMaxDelay, routing.SilentPerSecond, routing.CoalesceMaxPending, routing.Partitions), counters, revocations,
                        new RecoverySettings(options.Recovery.MaxEvents, options.Recovery.MaxAge, options.Recovery.MaxReplayFrames, options.Ingest.DedupeWindow)), "router");
                    registry.Register<RegistryKeys.Router>(router);
                    registry.Register<RegistryKeys.Sessions>(system.ActorOf(Props.Create<SessionsSupervisor>(), "sessions"));

                    if (options.Cluster.DownWhenRefused)
                        system.ActorOf(RefusedMemberDowning.Props(RefusedProbeInterval), "refused-member-downing");
                    if (!options.Nats.Enabled)
                    {
                        ClusterBusPublisher.RegisterRouter(DistributedPubSub.Get(system).Mediator, router);
                        router.Tell(new StreamOrigin(MemberOrigin.Of(Cluster.Get(system).SelfUniqueAddress)));
                    }
                    // Start the journal and snapshot store now (tables are created on start), not on the first JOIN.
                    var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
                    persistence.JournalFor(null);
                    persistence.SnapshotStoreFor(null);
                    if (options.Discovery.ShouldSelfJoin(options.Cluster.SeedNodes))
                    {
                        var cluster = Cluster.Get(system);
                        cluster.Join(cluster.SelfAddress);
                    }
                });
        });
        return services;
    }
}
