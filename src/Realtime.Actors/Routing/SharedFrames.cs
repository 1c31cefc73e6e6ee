namespace Realtime.Actors.Routing;

/// <summary>
/// The frames of one event that several router partitions may send: each built once, by the first partition that
/// needs it (the others wait for it), so every socket it goes to holds the same bytes.
/// </summary>
public sealed class SharedFrames<TKey> where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, byte[]> _frames = new();

    public byte[] Get(TKey key, Func<TKey, byte[]> build)
    {
        lock (_gate)
        {
            if (!_frames.TryGetValue(key, out var frame))
                _frames[key] = frame = build(key);
            return frame;
        }
    }
}
