namespace Realtime.Actors.Sessions;

/// <summary>
/// The outbound side of one socket, as seen by whoever fans out frames: enqueueing never waits, and a full
/// queue closes only that socket (4008).
/// </summary>
public interface IFrameSink
{
    /// <summary>Queues a frame; false when the socket is closing or was just closed as a slow consumer.</summary>
    bool TryEnqueue(byte[] frame);

    /// <summary>
    /// Queues a frame carrying a bus event this node took in at <paramref name="acceptedAt"/> (a Stopwatch
    /// timestamp; 0 when unknown), so its write can be measured (<c>realtime_delivery_latency_seconds</c>).
    /// </summary>
    bool TryEnqueue(byte[] frame, long acceptedAt) => TryEnqueue(frame);

    /// <summary>Sends a close frame after what is queued, then ends the socket.</summary>
    void Close(int code, string reason);
}
