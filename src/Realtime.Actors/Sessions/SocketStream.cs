using System.Buffers;
using System.Net.WebSockets;
using Akka.Actor;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Runs one WebSocket against its SessionActor, no stream graph per socket: a read loop (size-limited frames, each
/// waiting for the actor's acknowledgement) and a <see cref="SocketWriter"/> that drains the outbound queue when
/// there is something to write. The task completes when both sides are done; either side ending ends the other.
/// </summary>
public static class SocketStream
{
    /// <summary>A message is read into a pooled buffer of this size first; larger ones grow.</summary>
    private const int ReadChunkBytes = 4 * 1024;

    public static async Task RunAsync(WebSocket socket, SocketOutput output, IActorRef session, OutboundQueue outbound, SocketLimits limits, RealtimeCounters counters)
    {
        var gate = new InboundGate();
        var readEnded = ReadAsync(socket, session, gate, limits.MaxFrameBytes, counters);

        // A client that stopped reading blocks the write in progress: once a close is asked for, it gets
        // CloseTimeout to go out before the node's queue monitor drops the connection (also a silent peer's).
        outbound.AbortWith(Abort);

        await new SocketWriter(socket, output, outbound, limits.CloseTimeout, counters).Finished.ConfigureAwait(false);
        // Our close frame is out: the reading side ends with the peer's answer; it gets CloseTimeout for it.
        try
        {
            await readEnded.WaitAsync(limits.CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abort();
        }
        gate.Close();
        await readEnded.ConfigureAwait(false);

        void Abort()
        {
            socket.Abort();
            output.AbortConnection();
        }
    }

    private static async Task ReadAsync(WebSocket socket, IActorRef session, InboundGate gate, int maxFrameBytes, RealtimeCounters counters)
    {
        try
        {
            session.Tell(new InboundMessages.Init(gate));
            if (!await gate.WaitAsync().ConfigureAwait(false))
                return;
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
                if (!await gate.WaitAsync().ConfigureAwait(false))
                    return;
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
                    buffer = PooledBuffer.Grow(buffer, Math.Min(maxFrameBytes + 1, buffer.Length * 2), length);
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
}
