namespace Realtime.Actors.Sessions;

/// <summary>
/// The upgraded connection of one WebSocket, shared by two writers: the <see cref="System.Net.WebSockets.WebSocket"/>
/// (control frames: pong, ping, close) and the socket's frame writer, which writes many pre-framed text messages
/// in one write and one flush. Reads pass through (noting when the peer was last heard from); writes never interleave.
/// </summary>
/// <param name="abortConnection">Drops the connection under <paramref name="connection"/> when disposing the stream does
/// not end a pending read (Kestrel's upgraded request stream: <c>HttpContext.Abort</c>).</param>
public sealed class SocketOutput(Stream connection, Action? abortConnection = null) : Stream
{
    /// <summary>An unmasked ping with no payload (RFC 6455 5.5.2), as a server sends it.</summary>
    private static readonly byte[] PingFrame = [0x89, 0x00];

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _lastReadAt = Environment.TickCount64;
    private long _lastPingAt = Environment.TickCount64;

    /// <summary>
    /// When the WebSocket last asked for bytes (<see cref="Environment.TickCount64"/>): it asks again as soon as what
    /// arrived is handled, so this is when the peer was last heard from, give or take one message's handling.
    /// </summary>
    public long LastReadAt => Volatile.Read(ref _lastReadAt);

    /// <summary>Drops the connection itself (with the WebSocket's abort, for a stuck or silent peer).</summary>
    public void AbortConnection() => abortConnection?.Invoke();

    /// <summary>
    /// Writes a ping unless one went out within <paramref name="intervalMs"/> or a write is in progress (the next
    /// check tries again); never waits.
    /// </summary>
    public void TryPing(long nowMs, long intervalMs)
    {
        if (nowMs - Volatile.Read(ref _lastPingAt) < intervalMs || !_writeLock.Wait(0))
            return;
        Volatile.Write(ref _lastPingAt, nowMs);
        ValueTask write;
        try
        {
            write = connection.WriteAsync(PingFrame);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _writeLock.Release();
            return;
        }
        _ = ReleaseWhenWrittenAsync(write);
    }

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

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _lastReadAt, Environment.TickCount64);
        return connection.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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

    private async Task ReleaseWhenWrittenAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is going away; its reader or the monitor ends it.
        }
        finally
        {
            _writeLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            connection.Dispose();
        base.Dispose(disposing);
    }
}
