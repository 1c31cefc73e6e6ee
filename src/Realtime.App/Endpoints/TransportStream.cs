using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Realtime.App.Endpoints;

/// <summary>
/// A socket upgraded by <see cref="ConnectionUpgrade"/> as a stream, with no HTTP request kept under it: reads come
/// from Kestrel's transport pipe, writes go straight to the network socket (no copy into a pipe block, no hop to
/// Kestrel's sender; the kernel usually takes a write at once). Disposing it ends a pending read; a write still
/// waiting on a peer that stopped reading aborts the connection (nothing else would ever complete it).
/// </summary>
public sealed class TransportStream(ConnectionContext connection, Socket socket) : Stream
{
    private readonly PipeReader _input = connection.Transport.Input;
    private int _writing;
    private int _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        var received = result.Buffer;
        if (result.IsCanceled || (received.IsEmpty && result.IsCompleted))
        {
            _input.AdvanceTo(received.Start);
            return 0;
        }
        // A zero-byte read only waits for data: nothing is consumed, the next read sees it at once.
        var count = (int)Math.Min(received.Length, destination.Length);
        received.Slice(0, count).CopyTo(destination.Span);
        _input.AdvanceTo(received.GetPosition(count));
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        Volatile.Write(ref _writing, 1);
        try
        {
            await socket.SendAsync(source, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
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
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _input.CancelPendingRead();
            if (Volatile.Read(ref _writing) == 1)
                connection.Abort(new ConnectionAbortedException("the peer stopped reading"));
        }
        base.Dispose(disposing);
    }
}
