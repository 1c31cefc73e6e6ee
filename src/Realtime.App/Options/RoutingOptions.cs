using Realtime.Actors.Access;
using Realtime.Actors.Routing;

namespace Realtime.App.Options;

/// <summary>Node event coalescing, the silent-event cap (<c>Realtime:Routing</c>, PROTOCOL 4.2) and the router's partitions.</summary>
public sealed class RoutingOptions
{
    /// <summary>Quiet period after which a node's merged events are sent; zero disables coalescing.</summary>
    public TimeSpan CoalesceQuiet { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan CoalesceMaxDelay { get; set; } = TimeSpan.FromSeconds(3);
    public int SilentPerSecond { get; set; } = 20;
    /// <summary>Nodes waiting in the coalescer at most; one more sends the oldest at once.</summary>
    public int CoalesceMaxPending { get; set; } = NodeEventCoalescer.DefaultMaxPending;
    /// <summary>Nodes seen in tree events (not in the snapshot, no ACL on them) whose paths the node index keeps.</summary>
    public int MaxRecentNodes { get; set; } = AccessDirectory.DefaultMaxRecentNodes;
    /// <summary>Router partitions sharing the node's sessions (fan-out runs on this many threads at once); one per core by default.</summary>
    public int Partitions { get; set; } = Environment.ProcessorCount;

    public IEnumerable<string> Validate()
    {
        if (CoalesceQuiet < TimeSpan.Zero) yield return "Routing:CoalesceQuiet must not be negative";
        if (CoalesceMaxDelay < CoalesceQuiet) yield return "Routing:CoalesceMaxDelay must be at least CoalesceQuiet";
        if (SilentPerSecond < 0) yield return "Routing:SilentPerSecond must not be negative";
        if (CoalesceMaxPending < 1) yield return "Routing:CoalesceMaxPending must be at least 1";
        if (MaxRecentNodes < 0) yield return "Routing:MaxRecentNodes must not be negative";
        if (Partitions < 1) yield return "Routing:Partitions must be at least 1";
    }
}
