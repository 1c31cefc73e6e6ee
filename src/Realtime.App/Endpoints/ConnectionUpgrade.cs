using System.Buffers;
using System.Net.Sockets;

namespace Realtime.App.Endpoints;

/// <summary>
/// Sorts a freshly accepted TCP connection by its first bytes (for <see cref="UpgradeFirstListener"/>): when they hold
/// a complete, plain WebSocket upgrade to a socket path that this node takes now, the head is consumed and the socket
/// runs as a WebSocket with no HTTP stack under it. The bytes of every other connection (other paths, refusals, TLS,
/// HTTP/2, an incomplete first read) were only peeked at: Kestrel reads them as if nothing had looked.
/// </summary>
public sealed class ConnectionUpgrade(SocketAcceptor acceptor, TimeSpan firstBytesTimeout)
{
    /// <summary>The upgrade the connection opens with and the route that took a slot for it; null when it is Kestrel's.</summary>
    public async Task<(UpgradeRequest Request, SocketRoute Route)?> TryReserveAsync(Socket socket)
    {
        var head = ArrayPool<byte>.Shared.Rent(UpgradeRequest.MaxHeadBytes);
        try
        {
            var peeked = await PeekAsync(socket, head.AsMemory(0, UpgradeRequest.MaxHeadBytes)).ConfigureAwait(false);
            if (UpgradeRequest.TryParse(head.AsSpan(0, peeked), out var request) && acceptor.TryReserve(request!) is { } route)
                return (request!, route);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }

    /// <summary>Consumes the head of a request that <see cref="TryReserveAsync"/> reserved, answers 101 and runs the WebSocket until it closes.</summary>
    public Task RunAsync(Socket socket, UpgradeRequest request, SocketRoute route)
    {
        if (!TryConsume(socket, request.HeadLength))
        {
            acceptor.Unreserve();
            socket.Dispose();
            return Task.CompletedTask;
        }
        return acceptor.AcceptReservedAsync(socket, request, route);
    }

    /// <summary>
    /// Copies the bytes that have arrived without consuming them, waiting up to FirstBytesTimeout for the first (a
    /// zero-byte wait holds no buffer while the client is silent); 0 when none came, the peer closed or the socket failed.
    /// </summary>
    private async ValueTask<int> PeekAsync(Socket socket, Memory<byte> destination)
    {
        using var quiet = new CancellationTokenSource(firstBytesTimeout);
        try
        {
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, quiet.Token).ConfigureAwait(false);
            return await socket.ReceiveAsync(destination, SocketFlags.Peek, quiet.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Consumes <paramref name="count"/> peeked bytes (they are in the socket's receive buffer: no wait) and leaves the
    /// socket non-blocking, as <see cref="NetworkSocketStream"/> wants it; false when the peer reset it meanwhile.
    /// </summary>
    private static bool TryConsume(Socket socket, int count)
    {
        Span<byte> discard = stackalloc byte[512];
        socket.Blocking = false;
        for (var consumed = 0; consumed < count;)
        {
            var received = socket.Receive(discard[..Math.Min(discard.Length, count - consumed)], SocketFlags.None, out var error);
            if (error != SocketError.Success || received == 0)
                return false;
            consumed += received;
        }
        return true;
    }
}
