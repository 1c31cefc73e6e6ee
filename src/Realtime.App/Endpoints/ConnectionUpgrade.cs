using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Realtime.App.Endpoints;

/// <summary>
/// Kestrel connection middleware: when a plain-HTTP connection opens with a WebSocket upgrade to a socket path,
/// the socket is taken right there (<see cref="DeferredSocketConnection"/>), so no transport pipes, HTTP connection,
/// request, headers or context stay alive under it and the upgrade costs no trip through the HTTP pipeline. Every
/// other connection (other paths, refusals, TLS, HTTP/2, an incomplete first read) goes on to Kestrel's HTTP stack
/// untouched: its first bytes were only peeked at.
/// </summary>
public sealed class ConnectionUpgrade(ConnectionDelegate next, SocketAcceptor acceptor, TimeSpan firstBytesTimeout)
{
    /// <summary>Adds the middleware to every endpoint Kestrel binds (also those given by --urls or ASPNETCORE_URLS).</summary>
    public static void AddTo(KestrelServerOptions kestrel, TimeSpan firstBytesTimeout) =>
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next =>
        {
            if (!listen.Protocols.HasFlag(HttpProtocols.Http1))
                return next;
            var acceptor = listen.ApplicationServices.GetRequiredService<SocketAcceptor>();
            return new ConnectionUpgrade(next, acceptor, firstBytesTimeout).OnConnectionAsync;
        }));

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        if (connection is DeferredSocketConnection deferred && await TryReserveAsync(deferred) is var (request, route))
        {
            await acceptor.AcceptReservedAsync(deferred, request, route);
            return;
        }
        await next(connection);
    }

    /// <summary>The upgrade in the connection's first bytes and its route, when it is one this node takes now.</summary>
    private async Task<(UpgradeRequest, SocketRoute)?> TryReserveAsync(DeferredSocketConnection connection)
    {
        var head = ArrayPool<byte>.Shared.Rent(UpgradeRequest.MaxHeadBytes);
        try
        {
            // Nothing within FirstBytesTimeout: Kestrel's keep-alive timeout applies from here.
            var peeked = await connection.PeekAsync(head.AsMemory(0, UpgradeRequest.MaxHeadBytes), firstBytesTimeout);
            if (UpgradeRequest.TryParse(head.AsSpan(0, peeked), out var request) && acceptor.TryReserve(request!) is { } route)
                return (request!, route);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }
}
