using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using NATS.Client.Core;
using Realtime.Actors.Auth;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Runs the checks of <see cref="ReadinessReport"/>. Bus: with NATS, this node's JetStream consumer read the stored
/// events and keeps reading; without it, this node's pub-sub registry holds an entry of every Up member (its own
/// included; each node registers only its bus topic), so subscriptions have been gossiped both ways. Shards: the coordinator lists this node's region.
/// Directory: a snapshot is in (a URL down at start-up is retried by <see cref="DirectoryRefreshService"/>); with
/// NATS the stored events (IDM changes among them) are read too. NATS (when configured): the connection is open and
/// the consumer reads. JWKS (when configured): asking for the keys loads them when due (a node whose JWKS was down at
/// start retries on every probe, at most every <see cref="JwksKeySource.MinForcedRefreshInterval"/>), and the keys in
/// use were loaded within <see cref="JwtSettings.JwksMaxAge"/>.
/// </summary>
public sealed class NodeReadiness(ActorSystem system, DrainState drain, JournalProbe journal, DirectoryState directory, RealtimeOptions options, IServiceProvider services)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(1);

    // The mediator answers Count with the entries of every node's bucket it holds, but the message type is
    // internal to Akka.Cluster.Tools (CountSubscribers, public, counts only this node's): found once, at start.
    private static readonly object RegistryCount =
        typeof(DistributedPubSubMediator).Assembly.GetType("Akka.Cluster.Tools.PublishSubscribe.Internal.Count", throwOnError: true)!
            .GetProperty("Instance")?.GetValue(null)
        ?? throw new InvalidOperationException("Akka.Cluster.Tools has no Internal.Count.Instance any more: adapt NodeReadiness");

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var member = cluster.SelfMember.Status == MemberStatus.Up;
        var nats = services.GetService<NatsIngressService>();
        var journalCheck = journal.CheckAsync(cancellationToken);
        var busCheck = nats is null ? SubscriptionsGossipedAsync(cluster) : Task.FromResult(nats.IsReading);
        var shardsCheck = member ? RegionRegisteredAsync(cluster) : Task.FromResult(false);
        var jwks = services.GetService<JwksKeySource>();
        var jwksCheck = jwks is null ? Task.FromResult<bool?>(null) : JwksFreshAsync(jwks, cancellationToken);
        return new ReadinessReport(
            Member: member,
            Journal: await journalCheck is null,
            Bus: await busCheck,
            Shards: await shardsCheck,
            Directory: directory.IsLoaded && (nats is null || nats.IsReading),
            Draining: drain.IsDraining,
            Nats: nats is null ? null : services.GetRequiredService<INatsConnection>().ConnectionState == NatsConnectionState.Open && nats.IsReading,
            Jwks: await jwksCheck);
    }

    private async Task<bool?> JwksFreshAsync(JwksKeySource jwks, CancellationToken cancellationToken)
    {
        try
        {
            // A slow JWKS endpoint must not hold the probe: the load goes on, this answer reports what is there now.
            await jwks.GetKeysAsync(cancellationToken: cancellationToken).WaitAsync(AskTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        return jwks.HasFreshKeys(options.Jwt.JwksMaxAge);
    }

    private async Task<bool> SubscriptionsGossipedAsync(Cluster cluster)
    {
        var upMembers = cluster.State.Members.Count(m => m.Status == MemberStatus.Up);
        try
        {
            // Each node registers one entry, its bus topic: the registry's count is the nodes whose subscription reached us.
            var registered = await DistributedPubSub.Get(system).Mediator.Ask<int>(RegistryCount, AskTimeout);
            return upMembers > 0 && registered >= upMembers;
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> RegionRegisteredAsync(Cluster cluster)
    {
        try
        {
            var region = ClusterSharding.Get(system).ShardRegion(ChatHostingExtensions.ChatRoomTypeName);
            var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, AskTimeout);
            return regions.Regions.Contains(cluster.SelfAddress);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return false;
        }
    }
}
