using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// The outbound queue of one socket. Enqueueing never blocks the caller (the router fans out to thousands of
/// these). Frames are shared with every other socket they go to, so a queue holds references, not copies.
/// A socket is a slow consumer by lack of progress, not by the size of a burst (PROTOCOL 3.3): while it holds more
/// than <see cref="SocketLimits.MaxQueueBytes"/>, it must finish a write at least every
/// <see cref="SocketLimits.SlowConsumerTimeout"/>, or it is closed with 4008 and what it had not read is dropped.
/// </summary>
/// <remarks>
/// No writer task waits per socket: the first frame queued while the socket is idle starts its drain on the
/// enqueuing thread (the write into Kestrel's pipe completes at once unless the peer is behind), as a raw
/// Kestrel server writing from its fan-out loop does; only a write that must wait continues on the thread pool.
/// </remarks>
public sealed class OutboundQueue(SocketLimits limits, RealtimeCounters? counters = null) : IFrameSink
{
    private const long NotSet = 0;
    private readonly Lock _lock = new();
    private readonly Queue<OutboundItem> _frames = new();
    private Action? _drain;
    private bool _draining;
    private bool _closed;
    private bool _closeTaken;
    private string _closeReason = "";
    private long _queuedBytes;
    private long _aboveBoundSince = NotSet;
    private long _lastProgress = Environment.TickCount64;
    private volatile bool _discardPending;
    private long _closeRequestedAt = NotSet;
    private Action? _abort;

    public bool IsClosed
    {
        get
        {
            lock (_lock)
                return _closed;
        }
    }

    /// <summary>The close code asked for (0 while open).</summary>
    public int CloseCode { get; private set; }

    /// <summary>Set when the socket was closed as a slow consumer: the frames still queued are not written.</summary>
    public bool DiscardPending => _discardPending;

    /// <summary>Bytes of the frames waiting for this socket.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>When the socket was upgraded (the queue is made right after), a Stopwatch timestamp.</summary>
    public long OpenedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool TryEnqueue(byte[] frame) => TryEnqueue(frame, 0);

    public bool TryEnqueue(byte[] frame, long acceptedAt)
    {
        bool start;
        lock (_lock)
        {
            if (_closed)
                return false;
            _frames.Enqueue(new OutboundItem(frame, acceptedAt));
            start = ClaimDrain();
        }
        if (Interlocked.Add(ref _queuedBytes, frame.Length) > limits.MaxQueueBytes)
            Interlocked.CompareExchange(ref _aboveBoundSince, Environment.TickCount64, NotSet);
        counters?.OutboundBytes(frame.Length);
        if (start)
            _drain!();
        return true;
    }

    public void Close(int code, string reason)
    {
        bool start;
        lock (_lock)
        {
            if (_closed)
                return;
            _closed = true;
            CloseCode = code;
            _closeReason = reason;
            start = ClaimDrain();
        }
        Volatile.Write(ref _closeRequestedAt, Environment.TickCount64);
        if (start)
            _drain!();
    }

    /// <summary>
    /// Connects the socket's writer: <paramref name="drain"/> is called whenever work arrives while no drain runs,
    /// and must take frames (<see cref="TryTakeFrame"/>, <see cref="TryTakeClose"/>) until <see cref="ContinueDraining"/> says stop.
    /// </summary>
    public void StartDraining(Action drain)
    {
        bool start;
        lock (_lock)
        {
            _drain = drain;
            start = ClaimDrain();
        }
        if (start)
            drain();
    }

    /// <summary>The next frame, when it fits in <paramref name="room"/> bytes or <paramref name="force"/> (the first of a write).</summary>
    public bool TryTakeFrame(int room, bool force, out OutboundItem item)
    {
        lock (_lock)
        {
            if (_frames.TryPeek(out item) && (force || TextFrameHeader.Length(item.Frame.Length) + item.Frame.Length <= room))
            {
                _frames.Dequeue();
                return true;
            }
            return false;
        }
    }

    /// <summary>The close, once every frame before it is taken; taken once.</summary>
    public bool TryTakeClose(out int code, out string reason)
    {
        lock (_lock)
        {
            code = CloseCode;
            reason = _closeReason;
            if (!_closed || _closeTaken || _frames.Count > 0)
                return false;
            _closeTaken = true;
            return true;
        }
    }

    /// <summary>True while there is more to write; otherwise the drain ends and the next frame starts a new one.</summary>
    public bool ContinueDraining()
    {
        lock (_lock)
        {
            _draining = _frames.Count > 0 || (_closed && !_closeTaken);
            return _draining;
        }
    }

    /// <summary>The connection is gone: nothing more is queued, and what waits is released.</summary>
    public void WriterFailed()
    {
        long dropped = 0;
        lock (_lock)
        {
            _closed = true;
            _closeTaken = true;
            while (_frames.TryDequeue(out var item))
                dropped += item.Frame.Length;
        }
        Release(dropped);
    }

    /// <summary>The writer is done with frames of that many bytes (sent, or skipped): that is progress.</summary>
    public void WriteEnded(long bytes)
    {
        Volatile.Write(ref _lastProgress, Environment.TickCount64);
        Release(bytes);
    }

    /// <summary>What drops the connection: a requested close that has not gone out within the close timeout, a silent peer.</summary>
    public void AbortWith(Action abort) => _abort = abort;

    /// <summary>Drops the connection at once (a peer silent past the idle timeout).</summary>
    public void Abort() => _abort?.Invoke();

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
        long dropped = 0;
        lock (_lock)
        {
            while (_frames.TryDequeue(out var item))
                dropped += item.Frame.Length;
        }
        Release(dropped);
        Close(CloseCodes.SlowConsumer, "slow consumer");
        return true;
    }

    // Under the lock: true when the caller must start the drain (work waits, a writer is connected, none runs).
    private bool ClaimDrain()
    {
        if (_draining || _drain is null || (_frames.Count == 0 && (!_closed || _closeTaken)))
            return false;
        _draining = true;
        return true;
    }

    private void Release(long bytes)
    {
        if (bytes == 0)
            return;
        if (Interlocked.Add(ref _queuedBytes, -bytes) <= limits.MaxQueueBytes)
            Volatile.Write(ref _aboveBoundSince, NotSet);
        counters?.OutboundBytes(-bytes);
    }
}
