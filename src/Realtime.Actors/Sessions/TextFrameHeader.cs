namespace Realtime.Actors.Sessions;

/// <summary>The header of an unmasked, final WebSocket text frame (RFC 6455 5.2): what a server writes before a payload.</summary>
public static class TextFrameHeader
{
    public const int MaxLength = 10;

    public static int Length(int payloadLength) => payloadLength < 126 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10;

    /// <summary>Writes the header for a payload of that length; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, int payloadLength)
    {
        destination[0] = 0x81; // FIN + text opcode
        if (payloadLength < 126)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }
        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            destination[2] = (byte)(payloadLength >> 8);
            destination[3] = (byte)payloadLength;
            return 4;
        }
        destination[1] = 127;
        for (var i = 0; i < 8; i++)
            destination[2 + i] = (byte)((ulong)payloadLength >> (56 - 8 * i));
        return 10;
    }
}
