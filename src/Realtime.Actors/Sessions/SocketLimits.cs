namespace Realtime.Actors.Sessions;

/// <summary>Every per-socket limit of PROTOCOL 3.3, by name.</summary>
public sealed record SocketLimits(
    TimeSpan AuthTimeout,
    int MaxFrameBytes,
    int MaxInboundPerSecond,
    int InboundBurst,
    long MaxQueueBytes,
    TimeSpan TokenExpiryGrace,
    TimeSpan CloseTimeout)
{
    public static readonly SocketLimits Default = new(
        AuthTimeout: TimeSpan.FromSeconds(10),
        MaxFrameBytes: 64 * 1024,
        MaxInboundPerSecond: 50,
        InboundBurst: 100,
        MaxQueueBytes: 1024 * 1024,
        TokenExpiryGrace: TimeSpan.FromSeconds(30),
        CloseTimeout: TimeSpan.FromSeconds(10));
}
