namespace Realtime.Actors.Sessions;

/// <summary>
/// Inbound backpressure between a socket's reader and its SessionActor: the reader waits after each frame until
/// the actor acknowledges it, so a socket never has more than one unhandled frame in flight.
/// </summary>
public sealed class InboundGate
{
    private readonly SemaphoreSlim _acks = new(0);

    public void Acknowledge() => _acks.Release();

    public Task WaitAsync(CancellationToken cancellationToken) => _acks.WaitAsync(cancellationToken);
}
