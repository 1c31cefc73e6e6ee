using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Prometheus;

namespace Realtime.Actors.Metrics;

/// <summary>
/// The counters of one node, kept per ActorSystem (an Akka extension) so that several nodes in one process —
/// as in the cluster tests — never mix their figures. /metrics reads them at scrape time. The node's Prometheus
/// registry lives here too, with the histograms that are observed where things happen.
/// </summary>
public sealed class RealtimeCounters : IExtension
{
    private long _subscribesOk;
    private long _subscribesFailed;
    private long _framesIn;
    private long _framesOut;
    private long _chatPosts;
    private long _outboundBytes;
    private long _chatRoomsLive;

    public RealtimeCounters()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        DeliveryLatency = factory.CreateHistogram("realtime_delivery_latency_seconds",
            "From this node taking a bus event in (HTTP ingest or its JetStream consumer) to the socket write of a frame carrying it.",
            new HistogramConfiguration { Buckets = LatencyBuckets.Delivery });
        PersistLatency = factory.CreateHistogram("realtime_chat_persist_latency_seconds",
            "From a chat post's arrival at its room to the journal's confirmation.",
            new HistogramConfiguration { Buckets = LatencyBuckets.Persist });
        ConnectDuration = factory.CreateHistogram("realtime_connect_duration_seconds",
            "From the WebSocket upgrade to the first accepted subscribe of the socket (its subscribed frame is queued then).",
            new HistogramConfiguration { Buckets = LatencyBuckets.Connect });
    }

    /// <summary>What <c>/metrics</c> of this node exports.</summary>
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public Histogram DeliveryLatency { get; }

    public Histogram PersistLatency { get; }

    public Histogram ConnectDuration { get; }

    public ConcurrentDictionary<string, long> OpenSockets { get; } = new();

    public ConcurrentDictionary<int, long> Closes { get; } = new();

    public long SubscribesOk => Interlocked.Read(ref _subscribesOk);
    public long SubscribesFailed => Interlocked.Read(ref _subscribesFailed);
    public long FramesIn => Interlocked.Read(ref _framesIn);
    public long FramesOut => Interlocked.Read(ref _framesOut);
    public long ChatPosts => Interlocked.Read(ref _chatPosts);

    /// <summary>Bytes waiting in the outbound queues of this node's sockets.</summary>
    public long OutboundQueueBytes => Interlocked.Read(ref _outboundBytes);

    /// <summary>Chat room entities running on this node (each holds up to <c>Chat:RecentInMemory</c> message texts).</summary>
    public long ChatRoomsLive => Interlocked.Read(ref _chatRoomsLive);

    public void ChatRoomStarted() => Interlocked.Increment(ref _chatRoomsLive);

    public void ChatRoomStopped() => Interlocked.Decrement(ref _chatRoomsLive);

    public void OutboundBytes(long delta) => Interlocked.Add(ref _outboundBytes, delta);

    public static RealtimeCounters For(ActorSystem system) => system.WithExtension<RealtimeCounters, RealtimeCountersProvider>();

    /// <param name="openedAt">The socket's upgrade (<see cref="Stopwatch"/> timestamp) on its first accepted subscribe, else null.</param>
    public void Subscribed(bool ok, long? openedAt = null)
    {
        Interlocked.Increment(ref ok ? ref _subscribesOk : ref _subscribesFailed);
        if (ok && openedAt is { } opened)
            ConnectDuration.Observe(Stopwatch.GetElapsedTime(opened).TotalSeconds);
    }

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
        PersistLatency.Observe(latency.TotalSeconds);
    }
}
