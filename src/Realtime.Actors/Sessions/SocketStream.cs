using System.Buffers;
using System.Net.WebSockets;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Materializes one WebSocket as two Akka.Streams graphs against its SessionActor: frames in (size-limited,
/// ack-based backpressure into the actor) and frames out (from the byte-bounded queue). The task completes when
/// both sides are done; either side ending ends the other.
/// </summary>
public static class SocketStream
{
    public static async Task RunAsync(WebSocket socket, IActorRef session, OutboundQueue outbound, SocketLimits limits, IMaterializer materializer, RealtimeCounters counters)
    {
        var readEnded = Source.UnfoldAsync<WebSocket, object>(socket, s => ReceiveAsync(s, limits.MaxFrameBytes, counters))
            .WatchTermination((_, done) => done)
            .ToMaterialized(Sink.ActorRefWithAck<object>(session, InboundMessages.Init.Instance, InboundMessages.Ack.Instance,
                InboundMessages.Completed.Instance, _ => InboundMessages.Completed.Instance), Keep.Left)
            .Run(materializer);

        var sent = ChannelSource.FromReader(outbound.Reader)
            .SelectAsync(1, item => SendAsync(socket, outbound, item, limits.CloseTimeout, counters))
            .RunWith(Sink.Ignore<NotUsed>(), materializer);

        // A client that stopped reading blocks the send in progress: once a close is asked for, it gets
        // CloseTimeout to go out before the connection is dropped.
        _ = outbound.Closing.ContinueWith(async _ =>
        {
            await Task.Delay(limits.CloseTimeout).ConfigureAwait(false);
            if (socket.State != WebSocketState.Closed)
                socket.Abort();
        }, TaskScheduler.Default);

        await sent.ConfigureAwait(false);
        // Our close frame is out: the reading side ends with the peer's answer; it gets CloseTimeout for it.
        await Task.WhenAny(readEnded, Task.Delay(limits.CloseTimeout)).ConfigureAwait(false);
        if (socket.State != WebSocketState.Closed)
            socket.Abort();
    }

    private static async Task<Option<(WebSocket, object)>> ReceiveAsync(WebSocket socket, int maxFrameBytes, RealtimeCounters counters)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxFrameBytes + 1, 16 * 1024));
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return Option<(WebSocket, object)>.None;
                message.Write(buffer.AsSpan(0, result.Count));
                if (message.WrittenCount > maxFrameBytes)
                    return (socket, InboundMessages.TooLarge.Instance);
                if (!result.EndOfMessage)
                    continue;
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // Binary frames are ignored (PROTOCOL 3.1).
                    message.ResetWrittenCount();
                    continue;
                }
                counters.FrameIn();
                return (socket, new InboundMessages.Text(message.WrittenSpan.ToArray()));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return Option<(WebSocket, object)>.None;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<NotUsed> SendAsync(WebSocket socket, OutboundQueue outbound, OutboundItem item, TimeSpan closeTimeout, RealtimeCounters counters)
    {
        try
        {
            if (item.Frame is { } frame)
            {
                if (!outbound.DiscardPending && socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    counters.FrameOut();
                }
                outbound.Release(frame);
            }
            else if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(closeTimeout);
                await socket.CloseOutputAsync((WebSocketCloseStatus)item.CloseCode, Truncate(item.CloseReason), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer is gone; the remaining items are released as they drain.
            if (item.Frame is { } frame)
                outbound.Release(frame);
        }
        return NotUsed.Instance;
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static string Truncate(string reason) =>
        System.Text.Encoding.UTF8.GetByteCount(reason) <= 123 ? reason : reason[..Math.Min(reason.Length, 60)];
}
