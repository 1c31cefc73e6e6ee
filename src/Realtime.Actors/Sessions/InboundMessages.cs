namespace Realtime.Actors.Sessions;

/// <summary>Messages the socket's inbound stream sends to its SessionActor (ack-based, one at a time).</summary>
public static class InboundMessages
{
    public sealed record Text(byte[] Utf8);

    /// <summary>A frame bigger than MaxFrameBytes; reading stopped.</summary>
    public sealed class TooLarge
    {
        public static readonly TooLarge Instance = new();
    }

    public sealed class Init
    {
        public static readonly Init Instance = new();
    }

    public sealed class Ack
    {
        public static readonly Ack Instance = new();
    }

    /// <summary>The socket's reading side ended (client close, abort or error).</summary>
    public sealed class Completed
    {
        public static readonly Completed Instance = new();
    }
}
