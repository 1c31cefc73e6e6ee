using Realtime.Messages.Bus;

namespace Realtime.Actors.Recovery;

/// <summary>
/// How far this node's router has read the stream: the last sequence per origin. Every event of an origin reaches
/// the router in that origin's order, so "up to N" means "every event of it up to N".
/// </summary>
public sealed class StreamHead
{
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private string? _formatted;

    public IReadOnlyDictionary<string, long> Sequences => _sequences;

    public long this[string origin] => _sequences.GetValueOrDefault(origin);

    /// <summary>Names an origin before its first event (at sequence 0).</summary>
    public void Seed(string origin)
    {
        if (_sequences.TryAdd(origin, 0))
            _formatted = null;
    }

    /// <summary>False (and no change) for an event this node has already read: a redelivery.</summary>
    public bool Advance(StreamPosition position)
    {
        if (_sequences.TryGetValue(position.Origin, out var last) && last >= position.Sequence)
            return false;
        _sequences[position.Origin] = position.Sequence;
        _formatted = null;
        return true;
    }

    /// <summary>The cursor of "everything read so far".</summary>
    public string Cursor => _formatted ??= StreamCursor.Format(_sequences);

    /// <summary>True when this node has read every event the cursor covers.</summary>
    public bool HasReached(StreamCursor cursor) => cursor.Sequences.All(s => this[s.Key] >= s.Value);
}
