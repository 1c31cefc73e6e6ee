namespace Realtime.Actors.Sessions;

/// <summary>
/// The upgraded connection of one WebSocket, shared by two writers: the <see cref="System.Net.WebSockets.WebSocket"/>
/// (control frames: pong, ping, close) and the socket's frame writer, which writes many pre-framed text messages
/// in one write and one flush. Reads pass through; writes never interleave.
/// </summary>
public sealed class SocketOutput(Stream connection) : Stream
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Writes already-framed WebSocket bytes as one write (Kestrel flushes each write).</summary>
    public ValueTask WriteFramesAsync(ReadOnlyMemory<byte> frames) => WriteAsync(frames);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        connection.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        connection.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task FlushAsync(CancellationToken cancellationToken) => connection.FlushAsync(cancellationToken);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => connection.Flush();
    public override int Read(byte[] buffer, int offset, int count) => connection.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            connection.Dispose();
        base.Dispose(disposing);
    }
}
