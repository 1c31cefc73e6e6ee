using System.Threading.Tasks.Sources;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Inbound backpressure between a socket's reader and its SessionActor: the reader waits after each frame until
/// the actor acknowledges it, so a socket never has more than one unhandled frame in flight. One waiter at a time
/// (the socket's read loop), so a reusable value-task source does: no semaphore, task or cancellation source is
/// kept or allocated per socket and frame.
/// </summary>
public sealed class InboundGate : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private int _acknowledged;
    private bool _waiting;
    private bool _closed;

    public void Acknowledge()
    {
        lock (this)
        {
            if (_waiting)
                Wake(true);
            else
                _acknowledged++;
        }
    }

    /// <summary>Ends the wait in progress, and every later one, with false: the socket is done reading.</summary>
    public void Close()
    {
        lock (this)
        {
            _closed = true;
            if (_waiting)
                Wake(false);
        }
    }

    /// <summary>True once the actor acknowledged the last frame; false when the gate was closed.</summary>
    public ValueTask<bool> WaitAsync()
    {
        lock (this)
        {
            if (_closed)
                return new ValueTask<bool>(false);
            if (_acknowledged > 0)
            {
                _acknowledged--;
                return new ValueTask<bool>(true);
            }
            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    private void Wake(bool acknowledged)
    {
        _waiting = false;
        _waiter.SetResult(acknowledged);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
