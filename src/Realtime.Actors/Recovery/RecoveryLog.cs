using Realtime.Messages.Bus;

namespace Realtime.Actors.Recovery;

/// <summary>
/// The recent stream as this node's router read it, for clients that resume (PROTOCOL 7.1): at most
/// <c>maxEvents</c> entries, none older than <c>maxAge</c>. It knows, per origin, from which sequence on it holds
/// everything that reached this node, which is what decides whether a cursor can be honoured.
/// </summary>
public sealed class RecoveryLog
{
    private readonly RecoveryEntry?[] _ring;
    private readonly TimeSpan _maxAge;
    private int _start;
    // Per origin: the lowest sequence from which every event of it that reached this node is still here.
    private readonly Dictionary<string, long> _lowWater = new(StringComparer.Ordinal);

    public RecoveryLog(int maxEvents, TimeSpan maxAge)
    {
        _ring = new RecoveryEntry?[Math.Max(1, maxEvents)];
        _maxAge = maxAge;
    }

    public int Count { get; private set; }

    public void Append(RecoveryEntry entry, long nowTicks)
    {
        Note(entry.Position);
        if (Count == _ring.Length)
            DropOldest();
        _ring[(_start + Count) % _ring.Length] = entry;
        Count++;
        Trim(nowTicks);
    }

    /// <summary>An event read but not kept (invalid, duplicate): nothing of it can be missed, but its origin is known.</summary>
    public void Note(StreamPosition position) => _lowWater.TryAdd(position.Origin, position.Sequence);

    public void Trim(long nowTicks)
    {
        var oldest = nowTicks - (long)_maxAge.TotalMilliseconds;
        while (Count > 0 && At(0).ReceivedAtTicks < oldest)
            DropOldest();
    }

    /// <summary>
    /// The entries after the cursor, in stream order; null when some of them are no longer here (or never reached
    /// this node), so the cursor cannot be honoured. An origin this node never read is accepted only when the
    /// cursor saw nothing of it yet and <paramref name="isLive"/> says it is still publishing (nothing of it was lost).
    /// </summary>
    public IReadOnlyList<RecoveryEntry>? After(StreamCursor cursor, Func<string, bool> isLive)
    {
        foreach (var (origin, lowWater) in _lowWater)
        {
            if (lowWater > cursor[origin] + 1)
                return null;
        }
        foreach (var (origin, sequence) in cursor.Sequences)
        {
            if (!_lowWater.ContainsKey(origin) && !(sequence == 0 && isLive(origin)))
                return null; // an origin this node never read: another stream, another epoch, a node that is gone
        }
        // Newest first until every origin is back at the cursor: the cost is what was missed, not the log's size.
        var missed = new List<RecoveryEntry>();
        var pending = new HashSet<string>(_lowWater.Keys, StringComparer.Ordinal);
        for (var i = Count - 1; i >= 0 && pending.Count > 0; i--)
        {
            var entry = At(i);
            if (entry.Position.Sequence > cursor[entry.Position.Origin])
                missed.Add(entry);
            else
                pending.Remove(entry.Position.Origin);
        }
        missed.Reverse();
        return missed;
    }

    private RecoveryEntry At(int index) => _ring[(_start + index) % _ring.Length]!;

    private void DropOldest()
    {
        var entry = At(0);
        _ring[_start] = null;
        _start = (_start + 1) % _ring.Length;
        Count--;
        _lowWater[entry.Position.Origin] = entry.Position.Sequence + 1;
    }
}
