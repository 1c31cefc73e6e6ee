namespace Realtime.Actors.Access;

/// <summary>
/// The paths of the nodes seen most recently in tree events, at most <c>capacity</c> of them: the least recently
/// seen is forgotten first. Routing does not need them (an event carries its own path); chat NODE rooms do, and a
/// forgotten node is looked up again.
/// </summary>
public sealed class RecentNodePaths(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Uuid, string Path)>> _byUuid = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Uuid, string Path)> _recency = new();

    public int Count => _byUuid.Count;

    public string? Get(string uuid) => _byUuid.TryGetValue(uuid, out var node) ? node.Value.Path : null;

    /// <summary>Remembers a path; true when it is new or changed.</summary>
    public bool Set(string uuid, string path)
    {
        if (_byUuid.TryGetValue(uuid, out var node))
        {
            _recency.Remove(node);
            _recency.AddLast(node);
            if (node.Value.Path == path)
                return false;
            node.Value = (uuid, path);
            return true;
        }
        _byUuid[uuid] = _recency.AddLast((uuid, path));
        if (_byUuid.Count > capacity && _recency.First is { } oldest)
        {
            _recency.RemoveFirst();
            _byUuid.Remove(oldest.Value.Uuid);
        }
        return true;
    }

    public bool Remove(string uuid)
    {
        if (!_byUuid.Remove(uuid, out var node))
            return false;
        _recency.Remove(node);
        return true;
    }
}
