namespace Realtime.Actors.Sessions;

/// <summary>Every per-socket limit of PROTOCOL 3.3, by name.</summary>
public sealed record SocketLimits(
    TimeSpan AuthTimeout,
    int MaxFrameBytes,
    int MaxInboundPerSecond,
    int InboundBurst,
    long MaxQueueBytes,
    TimeSpan SlowConsumerTimeout,
    TimeSpan TokenExpiryGrace,
    TimeSpan CloseTimeout,
    int MaxSocketsPerUser);
