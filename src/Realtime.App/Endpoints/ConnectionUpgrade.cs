using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Realtime.App.Endpoints;

/// <summary>
/// Kestrel connection middleware: when a plain-HTTP connection opens with a WebSocket upgrade to a socket path,
/// the socket is accepted right there, so no HTTP connection, request, headers or context stay alive under it
/// (about 8 KB per socket) and the upgrade costs no trip through the HTTP pipeline. Every other connection (other
/// paths, refusals, TLS, HTTP/2, an incomplete first read, a transport without a network socket) goes on to
/// Kestrel's HTTP stack untouched.
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
        var input = connection.Transport.Input;
        if (await ReadFirstBytesAsync(input) is not { } first)
        {
            await next(connection);
            return;
        }
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket &&
            UpgradeRequest.TryParse(first.Buffer, out var request) && acceptor.TryReserve(request!) is { } route)
        {
            input.AdvanceTo(first.Buffer.GetPosition(request!.HeadLength));
            await acceptor.AcceptReservedAsync(connection, socket, request, route);
            return;
        }
        // Nothing consumed or examined: Kestrel reads the same bytes at once.
        input.AdvanceTo(first.Buffer.Start);
        await next(connection);
    }

    /// <summary>The first bytes, or null when none came within FirstBytesTimeout (Kestrel's keep-alive timeout then applies).</summary>
    private async Task<ReadResult?> ReadFirstBytesAsync(PipeReader input)
    {
        using var quiet = new CancellationTokenSource(firstBytesTimeout);
        try
        {
            return await input.ReadAsync(quiet.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
