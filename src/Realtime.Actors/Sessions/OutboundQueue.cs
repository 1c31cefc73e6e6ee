using System.Threading.Channels;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// The byte-bounded outbound queue of one socket. Enqueueing never blocks the caller (the router fans out to
/// thousands of these); when queued bytes would exceed the bound the socket is closed as a slow consumer (4008)
/// and what it had not read yet is dropped, so a stuck client costs at most one bound of memory.
/// </summary>
public sealed class OutboundQueue(long maxQueueBytes, RealtimeCounters? counters = null) : IFrameSink
{
    private readonly Channel<OutboundItem> _channel = Channel.CreateUnbounded<OutboundItem>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;
    private int _closed;
    private volatile bool _discardPending;
    private readonly TaskCompletionSource _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelReader<OutboundItem> Reader => _channel.Reader;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>The close code asked for (0 while open).</summary>
    public int CloseCode { get; private set; }

    /// <summary>Set when the queue overflowed: the writer skips the frames still queued.</summary>
    public bool DiscardPending => _discardPending;

    /// <summary>Completes when a close was requested, so the socket can be aborted if the close never gets out.</summary>
    public Task Closing => _closing.Task;

    public bool TryEnqueue(byte[] frame)
    {
        if (IsClosed)
            return false;
        if (Interlocked.Add(ref _queuedBytes, frame.Length) > maxQueueBytes)
        {
            Interlocked.Add(ref _queuedBytes, -frame.Length);
            _discardPending = true;
            Close(CloseCodes.SlowConsumer, "slow consumer");
            return false;
        }
        counters?.OutboundBytes(frame.Length);
        return _channel.Writer.TryWrite(new OutboundItem(frame, 0, ""));
    }

    public void Close(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
            return;
        CloseCode = code;
        _channel.Writer.TryWrite(new OutboundItem(null, code, reason));
        _channel.Writer.TryComplete();
        _closing.TrySetResult();
    }

    /// <summary>Called by the writer after a frame left (or was dropped), releasing its bytes.</summary>
    public void Release(byte[] frame)
    {
        Interlocked.Add(ref _queuedBytes, -frame.Length);
        counters?.OutboundBytes(-frame.Length);
    }
}
