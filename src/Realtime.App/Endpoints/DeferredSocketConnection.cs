using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Realtime.App.Endpoints;

/// <summary>
/// An accepted TCP connection that is nothing but its socket until <see cref="ConnectionUpgrade"/> has looked at
/// its first bytes: a plain upgrade to a socket path takes the socket whole (<see cref="TakeSocket"/>: no pipes, no
/// receive and send loops, about 2 KB less per WebSocket), anything else gets Kestrel's own socket connection the
/// moment its <see cref="Transport"/> is first used, so HTTP, TLS and HTTP/2 run exactly as on Kestrel's transport.
/// </summary>
public sealed class DeferredSocketConnection(Socket socket, SocketConnectionContextFactory kestrel, string connectionId) : ConnectionContext
{
    private readonly FeatureCollection _features = new();
    private readonly Lock _adopting = new();
    private ConnectionContext? _kestrelConnection;
    private IDictionary<object, object?>? _items;
    private bool _taken;

    public override string ConnectionId { get; set; } = connectionId;
    public override IFeatureCollection Features => _features;

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    public override IDuplexPipe Transport
    {
        get => KestrelConnection().Transport;
        set => KestrelConnection().Transport = value;
    }

    public override CancellationToken ConnectionClosed
    {
        get => KestrelConnection().ConnectionClosed;
        set => KestrelConnection().ConnectionClosed = value;
    }

    public override EndPoint? LocalEndPoint
    {
        get => socket.LocalEndPoint;
        set => throw new NotSupportedException();
    }

    public override EndPoint? RemoteEndPoint
    {
        get => socket.RemoteEndPoint;
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Copies the bytes that have arrived into <paramref name="destination"/> without consuming them, waiting up to
    /// <paramref name="timeout"/> for the first; 0 when none came, the peer closed or the socket failed.
    /// </summary>
    public async ValueTask<int> PeekAsync(Memory<byte> destination, TimeSpan timeout)
    {
        using var quiet = new CancellationTokenSource(timeout);
        try
        {
            // A zero-byte receive waits for data without holding a buffer while the client is silent.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, quiet.Token).ConfigureAwait(false);
            return await socket.ReceiveAsync(destination, SocketFlags.Peek, quiet.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Consumes <paramref name="count"/> bytes that <see cref="PeekAsync"/> has seen (they are in the socket's receive
    /// buffer: no wait), then hands the socket over whole, non-blocking; null when the peer reset it meanwhile.
    /// </summary>
    public Socket? TakeSocket(int count)
    {
        lock (_adopting)
        {
            if (_kestrelConnection is not null)
                throw new InvalidOperationException("the connection already runs on Kestrel's transport");
            _taken = true;
        }
        Span<byte> discard = stackalloc byte[512];
        try
        {
            socket.Blocking = false;
            for (var consumed = 0; consumed < count;)
            {
                var received = socket.Receive(discard[..Math.Min(discard.Length, count - consumed)], SocketFlags.None, out var error);
                if (error != SocketError.Success || received == 0)
                    return null;
                consumed += received;
            }
        }
        catch (ObjectDisposedException)
        {
            return null; // aborted by Kestrel's shutdown
        }
        return socket;
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        if (AdoptedOrNull() is { } adopted)
            adopted.Abort(abortReason);
        else
            socket.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        if (AdoptedOrNull() is { } adopted)
        {
            await adopted.DisposeAsync().ConfigureAwait(false);
            return;
        }
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by the WebSocket that owned it.
        }
        socket.Dispose();
    }

    private ConnectionContext? AdoptedOrNull()
    {
        lock (_adopting)
            return _kestrelConnection;
    }

    /// <summary>Kestrel's socket connection, created on first use; its features join this connection's.</summary>
    private ConnectionContext KestrelConnection()
    {
        lock (_adopting)
        {
            if (_kestrelConnection is not null)
                return _kestrelConnection;
            if (_taken)
                throw new InvalidOperationException("the socket was taken for a WebSocket");
            _kestrelConnection = kestrel.Create(socket);
            foreach (var (type, feature) in _kestrelConnection.Features)
                _features[type] ??= feature;
            return _kestrelConnection;
        }
    }
}
