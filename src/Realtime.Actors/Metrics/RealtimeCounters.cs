using System.Collections.Concurrent;
using Akka.Actor;

namespace Realtime.Actors.Metrics;

/// <summary>
/// The counters of one node, kept per ActorSystem (an Akka extension) so that several nodes in one process —
/// as in the cluster tests — never mix their figures. /metrics reads them at scrape time.
/// </summary>
public sealed class RealtimeCounters : IExtension
{
    private long _subscribesOk;
    private long _subscribesFailed;
    private long _framesIn;
    private long _framesOut;
    private long _chatPosts;
    private long _persistLatencyTicks;
    private long _persistCount;
    private long _outboundBytes;
    private long _chatRoomsLive;

    public ConcurrentDictionary<string, long> OpenSockets { get; } = new();

    public ConcurrentDictionary<int, long> Closes { get; } = new();

    public long SubscribesOk => Interlocked.Read(ref _subscribesOk);
    public long SubscribesFailed => Interlocked.Read(ref _subscribesFailed);
    public long FramesIn => Interlocked.Read(ref _framesIn);
    public long FramesOut => Interlocked.Read(ref _framesOut);
    public long ChatPosts => Interlocked.Read(ref _chatPosts);
    public long PersistCount => Interlocked.Read(ref _persistCount);
    public TimeSpan PersistLatencyTotal => TimeSpan.FromTicks(Interlocked.Read(ref _persistLatencyTicks));

    /// <summary>Bytes waiting in the outbound queues of this node's sockets.</summary>
    public long OutboundQueueBytes => Interlocked.Read(ref _outboundBytes);

    /// <summary>Chat room entities running on this node (each holds up to <c>Chat:RecentInMemory</c> message texts).</summary>
    public long ChatRoomsLive => Interlocked.Read(ref _chatRoomsLive);

    public void ChatRoomStarted() => Interlocked.Increment(ref _chatRoomsLive);

    public void ChatRoomStopped() => Interlocked.Decrement(ref _chatRoomsLive);

    public void OutboundBytes(long delta) => Interlocked.Add(ref _outboundBytes, delta);

    public static RealtimeCounters For(ActorSystem system) => system.WithExtension<RealtimeCounters, RealtimeCountersProvider>();

    public void Subscribed(bool ok) => Interlocked.Increment(ref ok ? ref _subscribesOk : ref _subscribesFailed);

    public void FrameIn() => Interlocked.Increment(ref _framesIn);

    public void FramesWritten(int count) => Interlocked.Add(ref _framesOut, count);

    public void SocketOpened(string endpoint) => OpenSockets.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void SocketClosed(string endpoint, int code)
    {
        OpenSockets.AddOrUpdate(endpoint, 0, (_, n) => n - 1);
        Closes.AddOrUpdate(code, 1, (_, n) => n + 1);
    }

    /// <summary>One post persisted; <paramref name="latency"/> from arrival at the room to the journal's confirmation.</summary>
    public void ChatPostPersisted(TimeSpan latency)
    {
        Interlocked.Increment(ref _chatPosts);
        Interlocked.Increment(ref _persistCount);
        Interlocked.Add(ref _persistLatencyTicks, latency.Ticks);
    }
}
