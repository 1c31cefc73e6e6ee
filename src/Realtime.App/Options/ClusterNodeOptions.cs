namespace Realtime.App.Options;

/// <summary>Remoting and cluster formation (<c>Realtime:Cluster</c>). No seed nodes: the node joins itself.</summary>
public sealed class ClusterNodeOptions
{
    public string Hostname { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 4053;
    public string? PublicHostname { get; set; }
    public List<string> SeedNodes { get; set; } = [];
    public string SystemName { get; set; } = "realtime";

    public IEnumerable<string> Validate()
    {
        if (Port is < 0 or > 65535) yield return "Cluster:Port must be 0..65535";
        foreach (var seed in SeedNodes.Where(s => !s.StartsWith("akka.tcp://", StringComparison.Ordinal)))
            yield return $"Cluster:SeedNodes entry '{seed}' must look like akka.tcp://{SystemName}@host:port";
    }
}
