using System.Net.Sockets;

namespace Realtime.App.Endpoints;

/// <summary>
/// The network socket of a WebSocket taken on the connection, as the stream under it. A write is a non-blocking
/// send and waits (asynchronously) only for what the kernel did not take at once, so a socket whose peer keeps up
/// never allocates the socket's async send state (~300 bytes); reads are the socket's own async receive. Disposing
/// it shuts the socket down, which ends a pending read and a write still waiting on a peer that stopped reading.
/// </summary>
public sealed class NetworkSocketStream : Stream
{
    private readonly Socket _socket;

    /// <param name="socket">Non-blocking (<see cref="Socket.Blocking"/> false): a synchronous send returns WouldBlock
    /// instead of waiting; async receives are unchanged.</param>
    public NetworkSocketStream(Socket socket)
    {
        if (socket.Blocking)
            throw new ArgumentException("the socket must be non-blocking", nameof(socket));
        _socket = socket;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (!source.IsEmpty)
        {
            var sent = _socket.Send(source.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
                return SendRestAsync(source, cancellationToken);
            if (error != SocketError.Success)
                return ValueTask.FromException(new IOException($"send failed: {error}", new SocketException((int)error)));
            source = source[sent..];
        }
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush()
    {
    }
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The peer is gone already.
            }
            _socket.Dispose();
        }
        base.Dispose(disposing);
    }

    private async ValueTask SendRestAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        try
        {
            while (!rest.IsEmpty)
                rest = rest[await _socket.SendAsync(rest, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }
}
