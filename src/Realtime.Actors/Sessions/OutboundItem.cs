namespace Realtime.Actors.Sessions;

/// <summary>
/// One frame waiting in a socket's outbound queue. <see cref="AcceptedAt"/> is when this node took in the bus event
/// the frame carries (a Stopwatch timestamp), 0 for other frames (acknowledgements, errors, replays).
/// </summary>
public readonly record struct OutboundItem(byte[] Frame, long AcceptedAt);
