using Realtime.Messages.Protocol;

namespace Realtime.Actors.Sessions;

/// <summary>
/// What a session keeps of a subscribe frame (PROTOCOL 3.1, 7): its protocol version and recover cursor, not the
/// frame with its token and parsed JSON, which would stay in memory for the socket's life.
/// </summary>
public readonly record struct SubscribeRequest(int Version, string? Recover)
{
    public static SubscribeRequest Of(ClientFrame subscribe) => new(subscribe.Version, subscribe.Recover);
}
