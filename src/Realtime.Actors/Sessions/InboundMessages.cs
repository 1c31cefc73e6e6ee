namespace Realtime.Actors.Sessions;

/// <summary>Messages the socket's reader sends to its SessionActor (one at a time: each waits for an acknowledgement).</summary>
public static class InboundMessages
{
    public sealed record Text(byte[] Utf8);

    /// <summary>A frame bigger than MaxFrameBytes; reading stopped.</summary>
    public sealed class TooLarge
    {
        public static readonly TooLarge Instance = new();
    }

    /// <summary>First message: the gate through which the actor acknowledges each frame (and this one).</summary>
    public sealed record Init(InboundGate Gate);

    /// <summary>The socket's reading side ended (client close, abort or error).</summary>
    public sealed class Completed
    {
        public static readonly Completed Instance = new();
    }
}
