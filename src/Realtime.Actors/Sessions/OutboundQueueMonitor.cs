using System.Collections.Concurrent;

namespace Realtime.Actors.Sessions;

/// <summary>
/// One timer per node, not one per socket: checks the open sockets a few times per slow-consumer timeout (at least
/// once a second), closes those that stopped making progress (<see cref="OutboundQueue.CloseIfStalled"/>), drops the
/// connections whose close did not go out in time (<see cref="OutboundQueue.AbortIfCloseOverdue"/>), and keeps
/// them alive (PROTOCOL 3.3): a ping every ping interval (<see cref="SocketOutput.TryPing"/>: a browser answers
/// with a pong), and a peer silent for the idle timeout is dropped. This replaces the WebSocket's own keep-alive,
/// a timer and its state per socket.
/// </summary>
public sealed class OutboundQueueMonitor : IDisposable
{
    private readonly ConcurrentDictionary<OutboundQueue, SocketOutput> _sockets = new();
    private readonly long _pingIntervalMs;
    private readonly long _idleTimeoutMs;
    private readonly Timer _timer;

    public OutboundQueueMonitor(TimeSpan slowConsumerTimeout, TimeSpan closeTimeout, TimeSpan pingInterval, TimeSpan idleTimeout)
    {
        _pingIntervalMs = (long)pingInterval.TotalMilliseconds;
        _idleTimeoutMs = (long)idleTimeout.TotalMilliseconds;
        var shortest = Math.Min(Math.Min(slowConsumerTimeout.TotalMilliseconds, closeTimeout.TotalMilliseconds), pingInterval.TotalMilliseconds);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shortest / 4, 50, 1000));
        _timer = new Timer(_ => Sweep(), null, period, period);
    }

    public void Watch(OutboundQueue queue, SocketOutput output) => _sockets.TryAdd(queue, output);

    public void Forget(OutboundQueue queue) => _sockets.TryRemove(queue, out _);

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (queue, output) in _sockets)
        {
            queue.CloseIfStalled(now);
            queue.AbortIfCloseOverdue(now);
            if (now - output.LastReadAt >= _idleTimeoutMs)
                queue.Abort();
            else if (!queue.IsClosed)
                output.TryPing(now, _pingIntervalMs);
        }
    }

    public void Dispose() => _timer.Dispose();
}
