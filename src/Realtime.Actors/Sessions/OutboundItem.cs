namespace Realtime.Actors.Sessions;

/// <summary>One entry of a socket's outbound queue: a text frame, or the close that ends the queue.</summary>
public readonly record struct OutboundItem(byte[]? Frame, int CloseCode, string CloseReason)
{
    public bool IsClose => Frame is null;
}
