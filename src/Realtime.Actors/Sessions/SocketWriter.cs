using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Drains one socket's <see cref="OutboundQueue"/>: every frame waiting (up to <see cref="MaxWriteBytes"/>) is
/// framed into one pooled buffer and written with one write, then the close once everything before it is out.
/// A drain starts on the thread that queued into an idle socket and only leaves it when a write must wait.
/// </summary>
public sealed class SocketWriter
{
    /// <summary>Frames waiting for one socket are written together up to this many bytes per write.</summary>
    private const int MaxWriteBytes = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly SocketOutput _output;
    private readonly OutboundQueue _outbound;
    private readonly TimeSpan _closeTimeout;
    private readonly RealtimeCounters _counters;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SocketWriter(WebSocket socket, SocketOutput output, OutboundQueue outbound, TimeSpan closeTimeout, RealtimeCounters counters)
    {
        _socket = socket;
        _output = output;
        _outbound = outbound;
        _closeTimeout = closeTimeout;
        _counters = counters;
        outbound.StartDraining(Drain);
    }

    /// <summary>Completes when the close frame went out or the connection failed.</summary>
    public Task Finished => _finished.Task;

    private void Drain() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        try
        {
            do
            {
                if (_outbound.TryTakeClose(out var code, out var reason))
                {
                    await SendCloseAsync(code, reason).ConfigureAwait(false);
                    _finished.TrySetResult();
                    return;
                }
                await WriteBatchAsync().ConfigureAwait(false);
            }
            while (_outbound.ContinueDraining());
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The peer is gone: release what is still queued.
            _outbound.WriterFailed();
            _finished.TrySetResult();
        }
    }

    private async ValueTask WriteBatchAsync()
    {
        byte[]? buffer = null;
        var used = 0;
        var frames = 0;
        long taken = 0;
        // One clock read per write: the event frames in it are measured up to the moment the writer takes them.
        var now = Stopwatch.GetTimestamp();
        try
        {
            while (_outbound.TryTakeFrame(MaxWriteBytes - used, force: used == 0, out var item))
            {
                var frame = item.Frame;
                taken += frame.Length;
                if (_outbound.DiscardPending)
                    continue;
                var size = TextFrameHeader.Length(frame.Length) + frame.Length;
                if (buffer is null || used + size > buffer.Length)
                    buffer = PooledBuffer.Grow(buffer, Math.Max(used + size, Math.Min(MaxWriteBytes, 4 * (used + size))), used);
                used += TextFrameHeader.Write(buffer.AsSpan(used), frame.Length);
                frame.CopyTo(buffer.AsSpan(used));
                used += frame.Length;
                frames++;
                if (item.AcceptedAt != 0)
                    _counters.DeliveryLatency.Observe(Stopwatch.GetElapsedTime(item.AcceptedAt, now).TotalSeconds);
            }
            if (used > 0 && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _output.WriteFramesAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
                _counters.FramesWritten(frames);
            }
        }
        finally
        {
            _outbound.WriteEnded(taken);
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendCloseAsync(int code, string reason)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(_closeTimeout);
        await _socket.CloseOutputAsync((WebSocketCloseStatus)code, Truncate(reason), timeout.Token).ConfigureAwait(false);
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static string Truncate(string reason) =>
        System.Text.Encoding.UTF8.GetByteCount(reason) <= 123 ? reason : reason[..Math.Min(reason.Length, 60)];
}
