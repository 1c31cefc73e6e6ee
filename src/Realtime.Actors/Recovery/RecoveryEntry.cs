using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Recovery;

/// <summary>
/// One routed bus event kept for recovery: its position, the cursor right after it (the <c>@pos</c> of its frames)
/// and the parsed event. Frames built for a replay are kept here too, so a reconnect storm encodes each once.
/// </summary>
public sealed class RecoveryEntry(StreamPosition position, string cursor, object change, long receivedAtTicks)
{
    private readonly Lock _gate = new();
    private Dictionary<string, byte[]>? _frames;

    public StreamPosition Position { get; } = position;

    public string Cursor { get; } = cursor;

    /// <summary>The parsed event (<see cref="NodeChangeEvent"/>, <see cref="TaskChangeEvent"/>, ...).</summary>
    public object Change { get; } = change;

    public long ReceivedAtTicks { get; } = receivedAtTicks;

    /// <summary>When this node took the event in (a Stopwatch timestamp): its live frames carry it to the socket writer (<c>realtime_delivery_latency_seconds</c>).</summary>
    public long AcceptedAt { get; init; }

    /// <summary>
    /// The v2 frame of this event under a key (e.g. a workspace and a rule outcome), built once: router partitions
    /// ask for it from their own threads, so the first builds it and the others wait for it.
    /// </summary>
    public byte[] Frame(string key, Func<byte[]> build)
    {
        lock (_gate)
        {
            _frames ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (!_frames.TryGetValue(key, out var frame))
                _frames[key] = frame = EventFrames.WithPosition(build(), Cursor);
            return frame;
        }
    }
}
