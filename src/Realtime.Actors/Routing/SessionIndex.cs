namespace Realtime.Actors.Routing;

/// <summary>A multimap from a key (workspace, login, role, ...) to the sessions holding it.</summary>
public sealed class SessionIndex<TSession> where TSession : class
{
    private static readonly HashSet<TSession> Empty = [];
    private readonly Dictionary<string, HashSet<TSession>> _map = new(StringComparer.Ordinal);

    public IReadOnlyCollection<TSession> this[string key] => _map.GetValueOrDefault(key) ?? Empty;

    public IEnumerable<string> Keys => _map.Keys;

    public bool IsEmpty => _map.Count == 0;

    public void Add(string key, TSession session)
    {
        if (!_map.TryGetValue(key, out var set))
            _map[key] = set = [];
        set.Add(session);
    }

    public void Remove(string key, TSession session)
    {
        if (_map.TryGetValue(key, out var set) && set.Remove(session) && set.Count == 0)
            _map.Remove(key);
    }
}
