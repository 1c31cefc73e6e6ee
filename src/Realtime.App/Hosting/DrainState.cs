namespace Realtime.App.Hosting;

/// <summary>Whether this node is draining; /readyz turns unready as soon as it is.</summary>
public sealed class DrainState
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Begin() => _draining = true;
}
