using System.Buffers;
using System.Net.WebSockets;
using Akka.Actor;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Runs one WebSocket against its SessionActor with two plain loops, no stream graph per socket: frames in
/// (size-limited; each waits for the actor's acknowledgement) and frames out (every frame waiting in the queue
/// goes out in one write). The task completes when both sides are done; either side ending ends the other.
/// </summary>
public static class SocketStream
{
    /// <summary>Frames waiting for one socket are written together up to this many bytes per write.</summary>
    private const int MaxWriteBytes = 64 * 1024;

    /// <summary>A message is read into a pooled buffer of this size first; larger ones grow.</summary>
    private const int ReadChunkBytes = 4 * 1024;

    public static async Task RunAsync(WebSocket socket, SocketOutput output, IActorRef session, OutboundQueue outbound, SocketLimits limits, RealtimeCounters counters)
    {
        using var reading = new CancellationTokenSource();
        var readEnded = ReadAsync(socket, session, limits.MaxFrameBytes, counters, reading.Token);

        // A client that stopped reading blocks the write in progress: once a close is asked for, it gets
        // CloseTimeout to go out before the node's queue monitor drops the connection.
        outbound.AbortWhenCloseOverdue(socket.Abort);

        await WriteAsync(socket, output, outbound, limits.CloseTimeout, counters).ConfigureAwait(false);
        // Our close frame is out: the reading side ends with the peer's answer; it gets CloseTimeout for it.
        try
        {
            await readEnded.WaitAsync(limits.CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            socket.Abort();
        }
        reading.Cancel();
        await readEnded.ConfigureAwait(false);
    }

    private static async Task ReadAsync(WebSocket socket, IActorRef session, int maxFrameBytes, RealtimeCounters counters, CancellationToken stop)
    {
        var gate = new InboundGate();
        try
        {
            session.Tell(new InboundMessages.Init(gate));
            await gate.WaitAsync(stop).ConfigureAwait(false);
            while (true)
            {
                // A zero-byte read first: an idle socket holds no receive buffer (as Kestrel and SignalR do).
                var next = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (next.MessageType == WebSocketMessageType.Close)
                    return;
                var message = next.EndOfMessage ? [] : await ReceiveMessageAsync(socket, maxFrameBytes).ConfigureAwait(false);
                if (message is null)
                    return;
                if (message.Length > maxFrameBytes)
                {
                    session.Tell(InboundMessages.TooLarge.Instance);
                    return;
                }
                if (next.MessageType == WebSocketMessageType.Binary)
                    continue; // ignored (PROTOCOL 3.1)
                counters.FrameIn();
                session.Tell(new InboundMessages.Text(message));
                await gate.WaitAsync(stop).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer or the session is gone.
        }
        finally
        {
            session.Tell(InboundMessages.Completed.Instance);
        }
    }

    /// <summary>The rest of one message (null when the peer closed); one byte past the limit is enough to refuse it.</summary>
    private static async Task<byte[]?> ReceiveMessageAsync(WebSocket socket, int maxFrameBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxFrameBytes + 1, ReadChunkBytes));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                    buffer = Grow(buffer, Math.Min(maxFrameBytes + 1, buffer.Length * 2));
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return null;
                length += result.Count;
                if (length > maxFrameBytes || result.EndOfMessage)
                    return buffer.AsSpan(0, length).ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteAsync(WebSocket socket, SocketOutput output, OutboundQueue outbound, TimeSpan closeTimeout, RealtimeCounters counters)
    {
        var reader = outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (reader.TryPeek(out var first) && first.IsClose)
                {
                    reader.TryRead(out _);
                    await SendCloseAsync(socket, first, closeTimeout).ConfigureAwait(false);
                    return;
                }
                await WriteBatchAsync(socket, output, outbound, counters).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The peer is gone: release what is still queued.
            while (reader.TryRead(out var item))
                if (item.Frame is { } frame)
                    outbound.Release(frame.Length);
        }
    }

    /// <summary>Every frame waiting (up to <see cref="MaxWriteBytes"/>) framed into one pooled buffer, one write.</summary>
    private static async Task WriteBatchAsync(WebSocket socket, SocketOutput output, OutboundQueue outbound, RealtimeCounters counters)
    {
        var reader = outbound.Reader;
        byte[]? buffer = null;
        var used = 0;
        var frames = 0;
        long taken = 0;
        // One clock read per write: the event frames in it are measured up to the moment the writer takes them.
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            while (reader.TryPeek(out var item) && !item.IsClose)
            {
                var frame = item.Frame!;
                var size = TextFrameHeader.Length(frame.Length) + frame.Length;
                if (used > 0 && used + size > MaxWriteBytes)
                    break;
                reader.TryRead(out _);
                taken += frame.Length;
                if (outbound.DiscardPending)
                    continue;
                if (buffer is null || used + size > buffer.Length)
                    buffer = Grow(buffer, Math.Max(used + size, Math.Min(MaxWriteBytes, 4 * (used + size))), used);
                used += TextFrameHeader.Write(buffer.AsSpan(used), frame.Length);
                frame.CopyTo(buffer.AsSpan(used));
                used += frame.Length;
                frames++;
                if (item.AcceptedAt != 0)
                    counters.DeliveryLatency.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(item.AcceptedAt, now).TotalSeconds);
            }
            if (used > 0 && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await output.WriteFramesAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
                counters.FramesWritten(frames);
            }
        }
        finally
        {
            outbound.WriteEnded(taken);
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SendCloseAsync(WebSocket socket, OutboundItem close, TimeSpan closeTimeout)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(closeTimeout);
        await socket.CloseOutputAsync((WebSocketCloseStatus)close.CloseCode, Truncate(close.CloseReason), timeout.Token).ConfigureAwait(false);
    }

    private static byte[] Grow(byte[]? buffer, int size, int keep = -1)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        if (buffer is not null)
        {
            buffer.AsSpan(0, keep < 0 ? buffer.Length : keep).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return bigger;
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static string Truncate(string reason) =>
        System.Text.Encoding.UTF8.GetByteCount(reason) <= 123 ? reason : reason[..Math.Min(reason.Length, 60)];
}
