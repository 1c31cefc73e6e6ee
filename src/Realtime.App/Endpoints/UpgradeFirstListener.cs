using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Realtime.App.Endpoints;

/// <summary>
/// Listens on one TCP endpoint as Kestrel's socket transport does (its bound-socket factory, backlog and NoDelay) and
/// sorts every accepted socket by its first bytes (<see cref="ConnectionUpgrade"/>): a plain upgrade to a socket path
/// runs right here, outside Kestrel, so a WebSocket holds no Kestrel connection, pipes, features or logging scopes;
/// every other connection (its bytes only peeked at) is handed to Kestrel as Kestrel's own socket connection.
/// </summary>
public sealed class UpgradeFirstListener : IConnectionListener
{
    private readonly Socket _listenSocket;
    private readonly SocketTransportOptions _options;
    private readonly ConnectionUpgrade _upgrade;
    private readonly SocketConnectionContextFactory _kestrel;
    private readonly ILogger _log;
    private readonly Channel<ConnectionContext> _forKestrel = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });

    private UpgradeFirstListener(Socket listenSocket, SocketTransportOptions options, ConnectionUpgrade upgrade, SocketConnectionContextFactory kestrel, ILogger log)
    {
        _listenSocket = listenSocket;
        _options = options;
        _upgrade = upgrade;
        _kestrel = kestrel;
        _log = log;
        EndPoint = listenSocket.LocalEndPoint!;
        _ = AcceptLoopAsync();
    }

    public EndPoint EndPoint { get; }

    public static UpgradeFirstListener Bind(EndPoint endpoint, SocketTransportOptions options, ConnectionUpgrade upgrade, SocketConnectionContextFactory kestrel, ILogger log)
    {
        Socket listenSocket;
        try
        {
            listenSocket = options.CreateBoundListenSocket(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Kestrel recognises this exception (a clear start-up error; localhost falls back to one address family).
            throw new AddressInUseException(e.Message, e);
        }
        listenSocket.Listen(options.Backlog);
        return new UpgradeFirstListener(listenSocket, options, upgrade, kestrel, log);
    }

    /// <summary>The next connection for Kestrel's HTTP stack; null once unbound.</summary>
    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (await _forKestrel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_forKestrel.Reader.TryRead(out var connection))
                    return connection;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _listenSocket.Dispose();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _listenSocket.Dispose();
        _forKestrel.Writer.TryComplete();
        while (_forKestrel.Reader.TryRead(out var unclaimed))
            await unclaimed.DisposeAsync().ConfigureAwait(false);
        _kestrel.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listenSocket.AcceptAsync().ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is not SocketError.OperationAborted)
                {
                    continue; // the peer reset the connection before it was accepted
                }
                socket.NoDelay = _options.NoDelay;
                _ = SortAsync(socket);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Unbound.
        }
        finally
        {
            _forKestrel.Writer.TryComplete();
        }
    }

    /// <summary>Runs the connection's WebSocket when it opens with one this node takes now, else gives it to Kestrel.</summary>
    private async Task SortAsync(Socket socket)
    {
        try
        {
            if (await _upgrade.TryReserveAsync(socket).ConfigureAwait(false) is var (request, route))
            {
                await _upgrade.RunAsync(socket, request, route).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception e)
        {
            _log.LogError(e, "A WebSocket taken on its connection failed");
            socket.Dispose();
            return;
        }
        var connection = _kestrel.Create(socket);
        if (!_forKestrel.Writer.TryWrite(connection))
            await connection.DisposeAsync().ConfigureAwait(false);
    }
}
