using System.Collections.Concurrent;

namespace Realtime.Actors.Sessions;

/// <summary>
/// One timer per node, not one per socket: checks the open outbound queues a few times per slow-consumer timeout,
/// closes those that stopped making progress (<see cref="OutboundQueue.CloseIfStalled"/>) and drops the
/// connections whose close did not go out in time (<see cref="OutboundQueue.AbortIfCloseOverdue"/>).
/// </summary>
public sealed class OutboundQueueMonitor : IDisposable
{
    private readonly ConcurrentDictionary<OutboundQueue, byte> _queues = new();
    private readonly Timer _timer;

    public OutboundQueueMonitor(TimeSpan slowConsumerTimeout, TimeSpan closeTimeout)
    {
        var shortest = Math.Min(slowConsumerTimeout.TotalMilliseconds, closeTimeout.TotalMilliseconds);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shortest / 4, 50, 1000));
        _timer = new Timer(_ => Sweep(), null, period, period);
    }

    public void Watch(OutboundQueue queue) => _queues.TryAdd(queue, 0);

    public void Forget(OutboundQueue queue) => _queues.TryRemove(queue, out _);

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var queue in _queues.Keys)
        {
            queue.CloseIfStalled(now);
            queue.AbortIfCloseOverdue(now);
        }
    }

    public void Dispose() => _timer.Dispose();
}
