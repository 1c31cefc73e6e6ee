namespace Realtime.Actors.Chat;

/// <summary>
/// Presence of a room, pure (time is passed in): sockets per login with their last heartbeat. A login is
/// present while at least one of its sockets is.
/// </summary>
public sealed class PresenceTracker<TSession> where TSession : notnull
{
    private readonly Dictionary<TSession, (string Login, DateTimeOffset LastSeen)> _sessions = new();
    private readonly SortedDictionary<string, int> _socketsPerLogin = new(StringComparer.Ordinal);

    /// <summary>Present logins, sorted (ordinal) so every node lists them alike.</summary>
    public IReadOnlyList<string> Logins => _socketsPerLogin.Keys.ToArray();

    public int LoginCount => _socketsPerLogin.Count;

    public IEnumerable<TSession> Sessions => _sessions.Keys;

    public bool IsEmpty => _sessions.Count == 0;

    public bool Contains(TSession session) => _sessions.ContainsKey(session);

    /// <summary>Adds a socket or refreshes its heartbeat; true when the presence list changed.</summary>
    public bool Join(string login, TSession session, DateTimeOffset now)
    {
        if (_sessions.TryGetValue(session, out var known) && known.Login == login)
        {
            _sessions[session] = (login, now);
            return false;
        }

        // A socket that re-authenticated as another login moves over.
        var changed = Remove(session);
        _sessions[session] = (login, now);
        _socketsPerLogin.TryGetValue(login, out var count);
        _socketsPerLogin[login] = count + 1;
        return changed || count == 0;
    }

    /// <summary>Removes a socket (left or died); true when the presence list changed.</summary>
    public bool Remove(TSession session)
    {
        if (!_sessions.Remove(session, out var known))
            return false;
        var left = _socketsPerLogin[known.Login] - 1;
        if (left > 0)
        {
            _socketsPerLogin[known.Login] = left;
            return false;
        }

        _socketsPerLogin.Remove(known.Login);
        return true;
    }

    /// <summary>Removes and returns the sockets whose last heartbeat is older than <paramref name="timeout"/>.</summary>
    public IReadOnlyList<TSession> Expire(DateTimeOffset now, TimeSpan timeout)
    {
        var expired = _sessions.Where(pair => now - pair.Value.LastSeen >= timeout).Select(pair => pair.Key).ToList();
        foreach (var session in expired)
            Remove(session);
        return expired;
    }
}
