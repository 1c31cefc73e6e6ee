namespace Realtime.Actors.Routing;

/// <summary>Caps <c>Silent</c> events per node at a number per second (PROTOCOL 4.2); excess ones are dropped.</summary>
public sealed class SilentEventLimiter(int perSecond)
{
    private readonly Dictionary<string, (long Second, int Count)> _windows = new(StringComparer.Ordinal);

    public bool Allow(string nodeUuid, DateTime now)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var (windowSecond, count) = _windows.GetValueOrDefault(nodeUuid);
        if (windowSecond != second)
            count = 0;
        if (count >= perSecond)
            return false;
        _windows[nodeUuid] = (second, count + 1);
        return true;
    }

    /// <summary>Forgets windows older than the current second so the map does not grow with every node ever seen.</summary>
    public void Sweep(DateTime now)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        foreach (var key in _windows.Where(w => w.Value.Second < second).Select(w => w.Key).ToList())
            _windows.Remove(key);
    }
}
