using Akka.Actor;

namespace Realtime.Actors.Sessions;

/// <summary>
/// Open sockets per login on this node (one instance per ActorSystem), for <c>MaxSocketsPerUser</c> (PROTOCOL 3.3).
/// A lock, not an actor: a subscribe asks it once and must get an answer at once. Logins without sockets leave.
/// </summary>
public sealed class UserSocketCounts : IExtension
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public static UserSocketCounts For(ActorSystem system) => system.WithExtension<UserSocketCounts, UserSocketCountsProvider>();

    /// <summary>Counts one more socket of <paramref name="login"/> unless it already has <paramref name="max"/>.</summary>
    public bool TryAdd(string login, int max)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(login);
            if (open >= max)
                return false;
            _open[login] = open + 1;
            return true;
        }
    }

    public void Remove(string login)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(login, out var open))
                return;
            if (open <= 1)
                _open.Remove(login);
            else
                _open[login] = open - 1;
        }
    }

    public int Count(string login)
    {
        lock (_open)
            return _open.GetValueOrDefault(login);
    }
}
