namespace Realtime.Actors.Sessions;

/// <summary>
/// One entry of a socket's outbound queue: a text frame, or the close that ends the queue. <see cref="AcceptedAt"/>
/// is when this node took in the bus event the frame carries (a Stopwatch timestamp), 0 for other frames.
/// </summary>
public readonly record struct OutboundItem(byte[]? Frame, int CloseCode, string CloseReason, long AcceptedAt = 0)
{
    public bool IsClose => Frame is null;
}
