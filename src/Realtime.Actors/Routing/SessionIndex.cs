using System.Collections;
using System.Runtime.InteropServices;

namespace Realtime.Actors.Routing;

/// <summary>
/// A multimap from a key (workspace, login, role, ...) to the sessions holding it. A key held by one session maps to
/// that session itself; only a shared key gets a set: most logins and subjects have one socket, and a set for each
/// cost ~140 bytes per session and index.
/// </summary>
public sealed class SessionIndex<TSession> where TSession : class
{
    private static readonly EqualityComparer<TSession> Same = EqualityComparer<TSession>.Default;

    // Each value is a TSession or a HashSet<TSession> of two or more.
    private readonly Dictionary<string, object> _map = new(StringComparer.Ordinal);

    public Members this[string key] => new(_map.GetValueOrDefault(key));

    public IEnumerable<string> Keys => _map.Keys;

    public bool IsEmpty => _map.Count == 0;

    public void Add(string key, TSession session)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_map, key, out var exists);
        if (!exists)
            slot = session;
        else if (slot is HashSet<TSession> set)
            set.Add(session);
        else if (!Same.Equals((TSession)slot!, session))
            slot = new HashSet<TSession> { (TSession)slot!, session };
    }

    public void Remove(string key, TSession session)
    {
        if (!_map.TryGetValue(key, out var value))
            return;
        if (value is HashSet<TSession> set)
        {
            if (set.Remove(session) && set.Count == 1)
            {
                foreach (var last in set)
                    _map[key] = last;
            }
        }
        else if (Same.Equals((TSession)value, session))
        {
            _map.Remove(key);
        }
    }

    /// <summary>The sessions of one key; enumerated without allocating.</summary>
    public readonly struct Members(object? value) : IReadOnlyCollection<TSession>
    {
        public int Count => value switch
        {
            null => 0,
            HashSet<TSession> set => set.Count,
            _ => 1,
        };

        public Enumerator GetEnumerator() => new(value);

        IEnumerator<TSession> IEnumerable<TSession>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<TSession>
        {
            private readonly TSession? _single;
            private readonly bool _isSet;
            private HashSet<TSession>.Enumerator _set;
            private bool _singleTaken;

            public Enumerator(object? value)
            {
                if (value is HashSet<TSession> set)
                {
                    _isSet = true;
                    _set = set.GetEnumerator();
                }
                else
                {
                    _single = (TSession?)value;
                }
                Current = null!;
            }

            public TSession Current { get; private set; }

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (_isSet)
                {
                    if (!_set.MoveNext())
                        return false;
                    Current = _set.Current;
                    return true;
                }
                if (_singleTaken || _single is null)
                    return false;
                _singleTaken = true;
                Current = _single;
                return true;
            }

            public void Reset() => throw new NotSupportedException();

            public void Dispose()
            {
            }
        }
    }
}
