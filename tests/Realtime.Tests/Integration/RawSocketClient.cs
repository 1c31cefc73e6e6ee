using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Realtime.Tests.Integration;

/// <summary>
/// A minimal WebSocket client on a raw TCP socket with a tiny receive buffer, so a test can play a client that
/// stops reading and fill the server's queue quickly. Also reads frames back, to see the close code.
/// </summary>
public sealed class RawSocketClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawSocketClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawSocketClient> ConnectAsync(Uri baseAddress, string path)
    {
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var client = new RawSocketClient(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var header = new StringBuilder();
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            header.Append((char)await client.ReadByteAsync());
        if (!header.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new InvalidOperationException("upgrade refused: " + header);
        return client;
    }

    public async Task SendTextAsync(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var mask = RandomNumberGenerator.GetBytes(4);
        using var frame = new MemoryStream();
        frame.WriteByte(0x81);
        if (payload.Length < 126)
        {
            frame.WriteByte((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.WriteByte(0x80 | 126);
            frame.WriteByte((byte)(payload.Length >> 8));
            frame.WriteByte((byte)payload.Length);
        }
        frame.Write(mask);
        for (var i = 0; i < payload.Length; i++)
            frame.WriteByte((byte)(payload[i] ^ mask[i % 4]));
        await _stream.WriteAsync(frame.ToArray());
    }

    /// <summary>Reads frames until the close frame; returns the text frames seen and the close code.</summary>
    public async Task<(int TextFrames, int CloseCode)> ReadUntilCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var texts = 0;
        while (true)
        {
            var first = await ReadByteAsync(cts.Token);
            var second = await ReadByteAsync(cts.Token);
            long length = second & 0x7F;
            if (length == 126)
                length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2, cts.Token));
            else if (length == 127)
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, cts.Token));
            var payload = await ReadExactlyAsync((int)length, cts.Token);
            switch (first & 0x0F)
            {
                case 0x1:
                    texts++;
                    break;
                case 0x8:
                    return (texts, payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 0);
            }
        }
    }

    private async Task<int> ReadByteAsync(CancellationToken token = default)
    {
        var one = await ReadExactlyAsync(1, token);
        return one[0];
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken token)
    {
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, token);
        return buffer;
    }

    public void Dispose() => _tcp.Dispose();
}
