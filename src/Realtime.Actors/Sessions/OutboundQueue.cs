using System.Threading.Channels;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// The outbound queue of one socket. Enqueueing never blocks the caller (the router fans out to thousands of
/// these). Frames are shared with every other socket they go to, so a queue holds references, not copies.
/// A socket is a slow consumer by lack of progress, not by the size of a burst (PROTOCOL 3.3): while it holds more
/// than <see cref="SocketLimits.MaxQueueBytes"/>, it must finish a write at least every
/// <see cref="SocketLimits.SlowConsumerTimeout"/>, or it is closed with 4008 and what it had not read is dropped.
/// </summary>
public sealed class OutboundQueue(SocketLimits limits, RealtimeCounters? counters = null) : IFrameSink
{
    private const long NotSet = 0;
    // Two readers: the socket's writer, and a slow-consumer close that drops what waits.
    private readonly Channel<OutboundItem> _channel = Channel.CreateUnbounded<OutboundItem>(new UnboundedChannelOptions { SingleReader = false });
    private long _queuedBytes;
    private long _aboveBoundSince = NotSet;
    private long _lastProgress = Environment.TickCount64;
    private int _closed;
    private volatile bool _discardPending;
    private long _closeRequestedAt = NotSet;
    private Action? _abort;

    public ChannelReader<OutboundItem> Reader => _channel.Reader;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>The close code asked for (0 while open).</summary>
    public int CloseCode { get; private set; }

    /// <summary>Set when the socket was closed as a slow consumer: the writer skips the frames still queued.</summary>
    public bool DiscardPending => _discardPending;

    /// <summary>Bytes of the frames waiting for this socket.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>When the socket was upgraded (the queue is made right after), a Stopwatch timestamp.</summary>
    public long OpenedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool TryEnqueue(byte[] frame) => TryEnqueue(frame, 0);

    public bool TryEnqueue(byte[] frame, long acceptedAt)
    {
        if (IsClosed)
            return false;
        if (Interlocked.Add(ref _queuedBytes, frame.Length) > limits.MaxQueueBytes)
            Interlocked.CompareExchange(ref _aboveBoundSince, Environment.TickCount64, NotSet);
        counters?.OutboundBytes(frame.Length);
        return _channel.Writer.TryWrite(new OutboundItem(frame, 0, "", acceptedAt));
    }

    public void Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return;
        CloseCode = code;
        Volatile.Write(ref _closeRequestedAt, Environment.TickCount64);
        _channel.Writer.TryWrite(new OutboundItem(null, code, reason));
        _channel.Writer.TryComplete();
    }

    /// <summary>The writer is done with frames of that many bytes (sent, or dropped): that is progress.</summary>
    public void WriteEnded(long bytes)
    {
        Volatile.Write(ref _lastProgress, Environment.TickCount64);
        Release(bytes);
    }

    /// <summary>Releases the bytes of frames that will never be written (the socket is gone).</summary>
    public void Release(long bytes)
    {
        if (Interlocked.Add(ref _queuedBytes, -bytes) <= limits.MaxQueueBytes)
            Volatile.Write(ref _aboveBoundSince, NotSet);
        counters?.OutboundBytes(-bytes);
    }

    /// <summary>What drops the connection when a requested close has not gone out within the close timeout.</summary>
    public void AbortWhenCloseOverdue(Action abort) => _abort = abort;

    /// <summary>Drops the connection when its close was asked for longer than the close timeout ago (a stuck peer).</summary>
    public void AbortIfCloseOverdue(long nowTicks)
    {
        var requested = Volatile.Read(ref _closeRequestedAt);
        if (requested != NotSet && nowTicks - requested >= (long)limits.CloseTimeout.TotalMilliseconds)
            _abort?.Invoke();
    }

    /// <summary>Closes the socket with 4008 when it made no progress for the slow-consumer timeout; true when it did.</summary>
    public bool CloseIfStalled(long nowTicks)
    {
        var aboveSince = Volatile.Read(ref _aboveBoundSince);
        if (aboveSince == NotSet || IsClosed)
            return false;
        var since = Math.Max(aboveSince, Volatile.Read(ref _lastProgress));
        if (nowTicks - since < (long)limits.SlowConsumerTimeout.TotalMilliseconds)
            return false;
        _discardPending = true;
        // The writer is stuck on the peer: free what waits behind it now, not when the connection is dropped.
        while (_channel.Reader.TryPeek(out var item) && !item.IsClose && _channel.Reader.TryRead(out item))
            Release(item.Frame!.Length);
        Close(CloseCodes.SlowConsumer, "slow consumer");
        return true;
    }
}
