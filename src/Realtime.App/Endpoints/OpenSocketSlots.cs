namespace Realtime.App.Endpoints;

/// <summary>
/// Node-wide open sockets on <c>/ws</c> and <c>/chat</c>, bounded by <c>Sockets:MaxConnections</c>. A slot is
/// taken before the upgrade and returned when the connection ends, so the bound holds under concurrent upgrades.
/// </summary>
public sealed class OpenSocketSlots(int max)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public bool TryTake()
    {
        while (true)
        {
            var open = Volatile.Read(ref _open);
            if (open >= max)
                return false;
            if (Interlocked.CompareExchange(ref _open, open + 1, open) == open)
                return true;
        }
    }

    public void Return() => Interlocked.Decrement(ref _open);
}
