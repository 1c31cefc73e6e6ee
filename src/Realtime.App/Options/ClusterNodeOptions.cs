using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>Remoting and cluster formation (<c>Realtime:Cluster</c>). No seed nodes: the node joins itself.</summary>
public sealed class ClusterNodeOptions
{
    public string Hostname { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 4053;
    public string? PublicHostname { get; set; }
    public List<string> SeedNodes { get; set; } = [];
    public string SystemName { get; set; } = "realtime";

    /// <summary>
    /// Split-brain resolver (keep-majority): how long membership must be stable before unreachable nodes are downed.
    /// Short because it adds to every failover (README, "Failover"); flapping is covered by down-all-when-unstable.
    /// </summary>
    public TimeSpan SbrStableAfter { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Cluster failure detector: how often each node heartbeats the nodes it monitors.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Cluster failure detector: silence tolerated before a node is unreachable. Above a 3 s stall (GC, SIGSTOP)
    /// with margin, and the biggest share of the failover time.
    /// </summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// After a node is downed, how long singletons (the shard coordinator) wait before starting elsewhere, so that
    /// a downed but running node has stopped its own; Akka's default would be another <see cref="SbrStableAfter"/>.
    /// </summary>
    public TimeSpan DownRemovalMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Down an unreachable member at once when its remoting port refuses connections (its process is gone), on the
    /// majority side only (<c>RefusedMemberDowning</c>). Off for networks whose firewalls reject instead of drop.
    /// </summary>
    public bool DownWhenRefused { get; set; } = true;

    public IEnumerable<string> Validate()
    {
        var rules = new OptionRules("Realtime:Cluster")
            .Between(nameof(Port), Port, 0, 65535)
            .AtLeast(nameof(SbrStableAfter), SbrStableAfter, TimeSpan.FromSeconds(1))
            .AtLeast(nameof(HeartbeatInterval), HeartbeatInterval, TimeSpan.FromMilliseconds(100))
            .AtLeast(nameof(DownRemovalMargin), DownRemovalMargin, TimeSpan.FromMilliseconds(100));
        rules.Check(AcceptableHeartbeatPause >= 2 * HeartbeatInterval,
            $"{rules.Name(nameof(AcceptableHeartbeatPause))} must be at least twice {rules.Name(nameof(HeartbeatInterval))}");
        foreach (var seed in SeedNodes.Where(s => !s.StartsWith("akka.tcp://", StringComparison.Ordinal)))
            rules.Check(false, $"{rules.Name(nameof(SeedNodes))} entry '{seed}' must look like akka.tcp://{SystemName}@host:port");
        return rules.Errors;
    }
}
