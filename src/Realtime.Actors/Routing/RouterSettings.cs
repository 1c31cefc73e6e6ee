namespace Realtime.Actors.Routing;

/// <summary>Routing limits of PROTOCOL 4.2.</summary>
public sealed record RouterSettings(TimeSpan CoalesceQuiet, TimeSpan CoalesceMaxDelay, int SilentPerSecond)
{
    public static readonly RouterSettings Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 20);
}
