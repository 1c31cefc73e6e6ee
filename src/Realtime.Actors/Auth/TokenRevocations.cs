namespace Realtime.Actors.Auth;

/// <summary>
/// PROTOCOL 4.4: after an IDM LOGOUT, the user's tokens issued up to it are refused until they expire. Each node
/// keeps its own list, fed by the LOGOUT events every node's router receives. iat has whole seconds, so a token
/// issued in the LOGOUT's second counts as issued before it. Bounded: an entry leaves <c>retention</c> after its
/// LOGOUT (later if a covered token presented since expires later); at <c>maxEntries</c> the entry that would
/// leave first goes.
/// </summary>
public sealed class TokenRevocations(TimeSpan retention, int maxEntries, TimeProvider time)
{
    private readonly Dictionary<string, Revocation> _byUser = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_byUser)
            {
                RemoveExpired(time.GetUtcNow());
                return _byUser.Count;
            }
        }
    }

    /// <summary>Revokes the tokens issued so far of the user, by login and by subject (whichever the LOGOUT names).</summary>
    public void Revoke(string login, string subject)
    {
        var now = time.GetUtcNow();
        lock (_byUser)
        {
            RemoveExpired(now);
            foreach (var key in Keys(login, subject))
            {
                if (!_byUser.ContainsKey(key) && _byUser.Count >= maxEntries)
                    _byUser.Remove(_byUser.MinBy(e => e.Value.Until).Key);
                _byUser[key] = new Revocation(now.ToUnixTimeSeconds(), Later(_byUser.GetValueOrDefault(key)?.Until, now + retention));
            }
        }
    }

    public bool IsRevoked(TokenClaims claims)
    {
        var now = time.GetUtcNow();
        var revoked = false;
        lock (_byUser)
        {
            foreach (var key in Keys(claims.Login, claims.Subject))
            {
                if (_byUser.GetValueOrDefault(key) is not { } revocation || revocation.Until <= now)
                    continue;
                // A token without iat cannot show it came after the LOGOUT.
                if (claims.IssuedAt is { } issued && issued.ToUnixTimeSeconds() > revocation.IssuedUpToSecond)
                    continue;
                // This token is known to be covered: keep refusing it for as long as it lives.
                _byUser[key] = revocation with { Until = Later(revocation.Until, claims.ExpiresAt) };
                revoked = true;
            }
        }
        return revoked;
    }

    private static IEnumerable<string> Keys(string login, string subject)
    {
        if (login.Length > 0)
            yield return "login:" + login;
        if (subject.Length > 0)
            yield return "sub:" + subject;
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var key in _byUser.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList())
            _byUser.Remove(key);
    }

    private sealed record Revocation(long IssuedUpToSecond, DateTimeOffset Until);
}
