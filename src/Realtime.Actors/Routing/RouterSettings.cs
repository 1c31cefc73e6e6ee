namespace Realtime.Actors.Routing;

/// <summary>Routing limits of PROTOCOL 4.2, and the bound of the coalescer.</summary>
public sealed record RouterSettings(TimeSpan CoalesceQuiet, TimeSpan CoalesceMaxDelay, int SilentPerSecond, int CoalesceMaxPending = NodeEventCoalescer.DefaultMaxPending)
{
    public static readonly RouterSettings Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 20);
}
