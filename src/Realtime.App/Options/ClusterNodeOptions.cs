namespace Realtime.App.Options;

/// <summary>Remoting and cluster formation (<c>Realtime:Cluster</c>). No seed nodes: the node joins itself.</summary>
public sealed class ClusterNodeOptions
{
    public string Hostname { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 4053;
    public string? PublicHostname { get; set; }
    public List<string> SeedNodes { get; set; } = [];
    public string SystemName { get; set; } = "realtime";

    /// <summary>Split-brain resolver (keep-majority): how long membership must be stable before unreachable nodes are downed.</summary>
    public TimeSpan SbrStableAfter { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535) yield return "Cluster:Port must be 0..65535";
        if (SbrStableAfter < TimeSpan.FromSeconds(1)) yield return "Cluster:SbrStableAfter must be at least 1 s";
        foreach (var seed in SeedNodes.Where(s => !s.StartsWith("akka.tcp://", StringComparison.Ordinal)))
            yield return $"Cluster:SeedNodes entry '{seed}' must look like akka.tcp://{SystemName}@host:port";
    }
}
