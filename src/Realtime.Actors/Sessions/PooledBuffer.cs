using System.Buffers;

namespace Realtime.Actors.Sessions;

/// <summary>Growing a buffer rented from the shared array pool (the socket's reader and writer both build messages in one).</summary>
public static class PooledBuffer
{
    /// <summary>A rented buffer of at least <paramref name="size"/> bytes holding the first <paramref name="keep"/> bytes of <paramref name="buffer"/>, which is returned.</summary>
    public static byte[] Grow(byte[]? buffer, int size, int keep)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        if (buffer is not null)
        {
            buffer.AsSpan(0, keep).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return bigger;
    }
}
