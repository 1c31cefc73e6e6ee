using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>Counters the router updates and the metrics endpoint reads; thread-safe.</summary>
public sealed class RoutingCounters
{
    private readonly long[] _ingested = new long[BusTopics.All.Count];
    private readonly long[] _routed = new long[BusTopics.All.Count];
    private readonly long[] _dropped = new long[BusTopics.All.Count];

    private int _sessions;

    /// <summary>Sessions registered with the router's partitions.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public void SessionsChanged(int delta) => Interlocked.Add(ref _sessions, delta);

    public int CoalescerPending { get; set; }

    /// <summary>Events kept for clients that resume (PROTOCOL 7).</summary>
    public int RecoveryLogEntries { get; set; }

    private long _recovered;
    private long _notRecovered;

    public long RecoveredCount => Interlocked.Read(ref _recovered);

    public long NotRecoveredCount => Interlocked.Read(ref _notRecovered);

    /// <summary>A v2 subscribe with a cursor was answered (null: it carried none).</summary>
    public void Recovered(bool? recovered)
    {
        if (recovered == true)
            Interlocked.Increment(ref _recovered);
        else if (recovered == false)
            Interlocked.Increment(ref _notRecovered);
    }

    /// <summary>Nodes in the router's node index (snapshot, ACL'd and recent ones).</summary>
    public int IndexedNodes { get; set; }

    public void Ingested(BusTopic topic) => Interlocked.Increment(ref _ingested[(int)topic]);

    public void Routed(BusTopic topic) => Interlocked.Increment(ref _routed[(int)topic]);

    public void Dropped(BusTopic topic) => Interlocked.Increment(ref _dropped[(int)topic]);

    public long IngestedCount(BusTopic topic) => Interlocked.Read(ref _ingested[(int)topic]);

    public long RoutedCount(BusTopic topic) => Interlocked.Read(ref _routed[(int)topic]);

    public long DroppedCount(BusTopic topic) => Interlocked.Read(ref _dropped[(int)topic]);
}
