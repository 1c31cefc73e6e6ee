namespace Realtime.Actors.Sessions;

/// <summary>A token bucket: <c>perSecond</c> frames per second on average, bursts of up to <c>burst</c>.</summary>
public sealed class InboundRateLimiter(int perSecond, int burst)
{
    private double _tokens = burst;
    private long _last = Environment.TickCount64;

    public bool TryTake()
    {
        var now = Environment.TickCount64;
        _tokens = Math.Min(burst, _tokens + (now - _last) * perSecond / 1000.0);
        _last = now;
        if (_tokens < 1)
            return false;
        _tokens -= 1;
        return true;
    }
}
