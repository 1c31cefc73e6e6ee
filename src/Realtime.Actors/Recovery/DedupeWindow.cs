namespace Realtime.Actors.Recovery;

/// <summary>
/// The ids of the events seen within a time window (ingest <c>Idempotency-Key</c>s, PROTOCOL 5), so a retried POST
/// is applied once. Bounded by the window and by <c>maxIds</c> (the oldest leave first).
/// </summary>
public sealed class DedupeWindow(TimeSpan window, int maxIds = 100_000)
{
    private readonly Dictionary<string, long> _seenAt = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long At)> _order = new();

    public int Count => _seenAt.Count;

    /// <summary>True the first time an id is seen within the window.</summary>
    public bool TryAdd(string id, long nowTicks)
    {
        Trim(nowTicks);
        if (_seenAt.ContainsKey(id))
            return false;
        _seenAt[id] = nowTicks;
        _order.Enqueue((id, nowTicks));
        return true;
    }

    private void Trim(long nowTicks)
    {
        var oldest = nowTicks - (long)window.TotalMilliseconds;
        while (_order.TryPeek(out var head) && (head.At < oldest || _order.Count > maxIds))
        {
            _order.Dequeue();
            _seenAt.Remove(head.Id);
        }
    }
}
