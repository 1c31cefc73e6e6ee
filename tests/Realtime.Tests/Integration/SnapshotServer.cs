using System.Net;
using System.Security.Cryptography;
using System.Text;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>
/// The platform's directory snapshot URL (PROTOCOL 4.1) as a real HTTP server on 127.0.0.1: serves the current
/// snapshot with an ETag and answers 304 to a matching If-None-Match; can be down (503) for a while.
/// </summary>
public sealed class SnapshotServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private volatile string _snapshot;
    private int _full;
    private int _notModified;

    private SnapshotServer(string snapshot)
    {
        _snapshot = snapshot;
        _server = new LoopbackHttpServer(AnswerAsync);
        Url = _server.BaseUrl + "/directory.json";
    }

    public string Url { get; }

    public bool Down { get; set; }

    public int FullAnswers => Volatile.Read(ref _full);

    public int NotModifiedAnswers => Volatile.Read(ref _notModified);

    public static SnapshotServer Start(string snapshot) => new(snapshot);

    public void Serve(string snapshot) => _snapshot = snapshot;

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var snapshot = _snapshot;
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))[..16] + "\"";
        if (Down)
            context.Response.StatusCode = 503;
        else if (context.Request.Headers["If-None-Match"] == etag)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = 304;
        }
        else
        {
            Interlocked.Increment(ref _full);
            context.Response.Headers["ETag"] = etag;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(snapshot));
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
