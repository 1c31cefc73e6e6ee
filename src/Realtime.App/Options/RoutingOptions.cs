namespace Realtime.App.Options;

/// <summary>Node event coalescing and the silent-event cap (<c>Realtime:Routing</c>, PROTOCOL 4.2).</summary>
public sealed class RoutingOptions
{
    /// <summary>Quiet period after which a node's merged events are sent; zero disables coalescing.</summary>
    public TimeSpan CoalesceQuiet { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan CoalesceMaxDelay { get; set; } = TimeSpan.FromSeconds(3);
    public int SilentPerSecond { get; set; } = 20;

    public IEnumerable<string> Validate()
    {
        if (CoalesceQuiet < TimeSpan.Zero) yield return "Routing:CoalesceQuiet must not be negative";
        if (CoalesceMaxDelay < CoalesceQuiet) yield return "Routing:CoalesceMaxDelay must be at least CoalesceQuiet";
        if (SilentPerSecond < 0) yield return "Routing:SilentPerSecond must not be negative";
    }
}
