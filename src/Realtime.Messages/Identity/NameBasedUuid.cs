using System.Security.Cryptography;
using System.Text;

namespace Realtime.Messages.Identity;

/// <summary>Name-based UUIDs (RFC 9562 version 5, SHA-1): the same namespace and name give the same uuid on every node.</summary>
public static class NameBasedUuid
{
    /// <summary>The version 5 uuid of <paramref name="name"/> (its UTF-8 bytes) in <paramref name="namespaceId"/>.</summary>
    public static Guid V5(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
