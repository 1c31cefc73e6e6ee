using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>
/// Merges bursts of CREATE / UPDATE_CONTENT / UPDATE_META per <c>Target.Uuid</c> (PROTOCOL 4.2) until the
/// node is quiet for <c>quiet</c> or <c>maxDelay</c> passed since the first event. A DELETE or UPDATE_PATH of a
/// pending node flushes it first, so the order seen by clients is the order of the bus. At most
/// <c>maxPending</c> nodes wait: one more sends the oldest batch at once (early, never dropped).
/// </summary>
public sealed class NodeEventCoalescer(TimeSpan quiet, TimeSpan maxDelay, int maxPending = NodeEventCoalescer.DefaultMaxPending)
{
    public const int DefaultMaxPending = 10_000;

    private sealed class Batch(NodeChangeEvent merged, DateTime now)
    {
        public NodeChangeEvent Merged = merged;
        public readonly DateTime First = now;
        public DateTime Last = now;
    }

    // Insertion order of the pending batches is the flush order.
    private readonly Dictionary<string, LinkedListNode<(string Uuid, Batch Batch)>> _pending = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Uuid, Batch Batch)> _order = new();

    public int Pending => _pending.Count;

    public bool Enabled => quiet > TimeSpan.Zero;

    /// <summary>Takes one event; returns the events to route now, in order (possibly none).</summary>
    public IReadOnlyList<NodeChangeEvent> Offer(NodeChangeEvent change, DateTime now)
    {
        if (!Enabled)
            return [change];
        if (IsCoalescible(change))
        {
            var uuid = change.Target!.Uuid;
            if (_pending.TryGetValue(uuid, out var existing))
            {
                existing.Value.Batch.Merged = Merge(existing.Value.Batch.Merged, change);
                existing.Value.Batch.Last = now;
            }
            else
            {
                _pending[uuid] = _order.AddLast((uuid, new Batch(change, now)));
                if (_pending.Count > maxPending && _order.First is { } oldest)
                {
                    _order.RemoveFirst();
                    _pending.Remove(oldest.Value.Uuid);
                    return [oldest.Value.Batch.Merged];
                }
            }
            return [];
        }
        var flushed = new List<NodeChangeEvent>(2);
        foreach (var uuid in new[] { change.Source?.Uuid, change.Target?.Uuid }.Distinct())
        {
            if (uuid is not null && _pending.Remove(uuid, out var node))
            {
                _order.Remove(node);
                flushed.Add(node.Value.Batch.Merged);
            }
        }
        flushed.Add(change);
        return flushed;
    }

    /// <summary>The batches whose quiet period or maximum delay has passed, oldest first.</summary>
    public IReadOnlyList<NodeChangeEvent> Due(DateTime now)
    {
        List<NodeChangeEvent>? due = null;
        var node = _order.First;
        while (node is not null)
        {
            var next = node.Next;
            var batch = node.Value.Batch;
            if (now - batch.Last >= quiet || now - batch.First >= maxDelay)
            {
                (due ??= []).Add(batch.Merged);
                _pending.Remove(node.Value.Uuid);
                _order.Remove(node);
            }
            node = next;
        }
        return due ?? (IReadOnlyList<NodeChangeEvent>)[];
    }

    private static bool IsCoalescible(NodeChangeEvent change) =>
        change.Type is NodeEventType.CREATE or NodeEventType.UPDATE_CONTENT or NodeEventType.UPDATE_META &&
        change.Target is { Uuid.Length: > 0 };

    /// <summary>Later Etag, MTime, Size and Type win (when set); MetaStore merged; CREATE beats UPDATE_CONTENT beats UPDATE_META.</summary>
    public static NodeChangeEvent Merge(NodeChangeEvent earlier, NodeChangeEvent later)
    {
        var a = earlier.Target!;
        var b = later.Target!;
        var meta = new Dictionary<string, string>(a.MetaStore, StringComparer.Ordinal);
        foreach (var (key, value) in b.MetaStore)
            meta[key] = value;
        var merged = b with
        {
            Path = b.Path.Length > 0 ? b.Path : a.Path,
            Etag = b.Etag.Length > 0 ? b.Etag : a.Etag,
            MTime = b.MTime != 0 ? b.MTime : a.MTime,
            Size = b.Size != 0 ? b.Size : a.Size,
            Type = b.Type != NodeType.UNKNOWN ? b.Type : a.Type,
            MetaStore = meta,
        };
        var type = earlier.Type == NodeEventType.CREATE || later.Type == NodeEventType.CREATE ? NodeEventType.CREATE
            : earlier.Type == NodeEventType.UPDATE_CONTENT || later.Type == NodeEventType.UPDATE_CONTENT ? NodeEventType.UPDATE_CONTENT
            : NodeEventType.UPDATE_META;
        return later with { Type = type, Target = merged, Source = later.Source ?? earlier.Source };
    }
}
