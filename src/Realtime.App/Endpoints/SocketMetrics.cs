using System.Collections.Concurrent;

namespace Realtime.App.Endpoints;

/// <summary>Open sockets by endpoint and closes by code, for /metrics.</summary>
public sealed class SocketMetrics
{
    private readonly ConcurrentDictionary<string, long> _open = new();
    private readonly ConcurrentDictionary<int, long> _closes = new();

    public void Opened(string endpoint) => _open.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    public void Closed(string endpoint, int code)
    {
        _open.AddOrUpdate(endpoint, 0, (_, n) => n - 1);
        _closes.AddOrUpdate(code, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, long> Open => _open;

    public IReadOnlyDictionary<int, long> Closes => _closes;
}
