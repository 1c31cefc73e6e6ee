namespace Realtime.Actors.Routing;

/// <summary>
/// Routing limits of PROTOCOL 4.2, the bound of the coalescer, and how many <see cref="RouterPartition"/>s share the
/// node's sessions (<c>Routing:Partitions</c>).
/// </summary>
public sealed record RouterSettings(TimeSpan CoalesceQuiet, TimeSpan CoalesceMaxDelay, int SilentPerSecond,
    int CoalesceMaxPending = NodeEventCoalescer.DefaultMaxPending, int Partitions = 1)
{
    public static readonly RouterSettings Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 20);
}
