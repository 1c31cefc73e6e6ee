using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>
/// The platform's node lookup as the gateway sees it (PROTOCOL 6): a real HTTP server on 127.0.0.1 answering
/// <c>GET /nodes/&lt;Uuid&gt;</c> with a Node (200), 404 for an unknown Uuid, or 500 for one marked broken.
/// Counts the requests per Uuid so tests can tell a cached answer from a new one.
/// </summary>
public sealed class NodeLookupServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, string> _paths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);

    private NodeLookupServer()
    {
        _server = new LoopbackHttpServer(AnswerAsync);
        Url = _server.BaseUrl + "/nodes";
    }

    /// <summary>The value of <c>Realtime:Directory:NodeLookupUrl</c>.</summary>
    public string Url { get; }

    public static NodeLookupServer Start() => new();

    public void Add(string uuid, string path) => _paths[uuid] = path;

    public void Break(string uuid)
    {
        lock (_broken)
            _broken.Add(uuid);
    }

    public int RequestsFor(string uuid) => _requests.GetValueOrDefault(uuid);

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var uuid = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath["/nodes/".Length..]);
        _requests.AddOrUpdate(uuid, 1, (_, n) => n + 1);
        bool broken;
        lock (_broken)
            broken = _broken.Contains(uuid);
        if (broken)
            context.Response.StatusCode = 500;
        else if (_paths.TryGetValue(uuid, out var path))
        {
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { Uuid = uuid, Path = path, Type = "LEAF", Size = "12" }));
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
        }
        else
            context.Response.StatusCode = 404;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
