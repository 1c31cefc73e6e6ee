using Realtime.Actors.Access;
using Realtime.Actors.Routing;
using Realtime.Messages.Settings;

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
        var rules = new OptionRules("Realtime:Routing").NotNegative(nameof(CoalesceQuiet), CoalesceQuiet);
        return rules
            .Check(CoalesceMaxDelay >= CoalesceQuiet, $"{rules.Name(nameof(CoalesceMaxDelay))} must be at least {rules.Name(nameof(CoalesceQuiet))}")
            .NotNegative(nameof(SilentPerSecond), SilentPerSecond)
            .AtLeast(nameof(CoalesceMaxPending), CoalesceMaxPending, 1)
            .NotNegative(nameof(MaxRecentNodes), MaxRecentNodes)
            .AtLeast(nameof(Partitions), Partitions, 1)
            .Errors;
    }
}
