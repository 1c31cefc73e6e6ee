using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Realtime.App.Endpoints;

/// <summary>
/// Listens on one TCP endpoint as Kestrel's socket transport does (its bound-socket factory, backlog and NoDelay),
/// but hands each accepted socket to Kestrel as a <see cref="DeferredSocketConnection"/>.
/// </summary>
public sealed class DeferredSocketListener : IConnectionListener
{
    private readonly Socket _listenSocket;
    private readonly SocketTransportOptions _options;
    private readonly SocketConnectionContextFactory _kestrel;
    private long _lastConnectionId;

    private DeferredSocketListener(Socket listenSocket, SocketTransportOptions options, SocketConnectionContextFactory kestrel)
    {
        _listenSocket = listenSocket;
        _options = options;
        _kestrel = kestrel;
        EndPoint = listenSocket.LocalEndPoint!;
    }

    public EndPoint EndPoint { get; }

    public static DeferredSocketListener Bind(EndPoint endpoint, SocketTransportOptions options, SocketConnectionContextFactory kestrel)
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
        return new DeferredSocketListener(listenSocket, options, kestrel);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var socket = await _listenSocket.AcceptAsync(cancellationToken).ConfigureAwait(false);
                socket.NoDelay = _options.NoDelay;
                return new DeferredSocketConnection(socket, _kestrel, ConnectionIdFor(Interlocked.Increment(ref _lastConnectionId)));
            }
            catch (ObjectDisposedException)
            {
                return null; // unbound
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null; // unbound while accepting
            }
            catch (SocketException)
            {
                // The peer reset the connection before it was accepted: take the next one.
            }
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _listenSocket.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _listenSocket.Dispose();
        _kestrel.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Short, unique per listener and per process start, like Kestrel's ids.</summary>
    private static string ConnectionIdFor(long sequence) => $"{Environment.ProcessId:x}-{sequence:x}";
}
