namespace Realtime.Actors.Sessions;

/// <summary>
/// The outbound side of one socket, as seen by whoever fans out frames: enqueueing never waits, and a full
/// queue closes only that socket (4008).
/// </summary>
public interface IFrameSink
{
    /// <summary>Queues a frame; false when the socket is closing or was just closed as a slow consumer.</summary>
    bool TryEnqueue(byte[] frame);

    /// <summary>Sends a close frame after what is queued, then ends the socket.</summary>
    void Close(int code, string reason);
}
