using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Realtime.Tests.Integration;

/// <summary>
/// A minimal WebSocket client on a raw TCP socket with a tiny receive buffer, so a test can play a client that
/// stops reading and fill the server's queue quickly, or write an upgrade byte by byte. Also reads frames back, to see
/// the close code.
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
        var client = await OpenAsync(baseAddress);
        await client.SendRawAsync(Encoding.ASCII.GetBytes(UpgradeRequest(baseAddress, path)));
        var head = await client.ReadHeadAsync();
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            throw new InvalidOperationException("upgrade refused: " + head);
        return client;
    }

    /// <summary>
    /// Sends the upgrade in two writes 300 ms apart, so the gateway's first read holds only part of it and the upgrade
    /// goes through the HTTP stack (not taken on the connection); the 101 head is left to read.
    /// </summary>
    public async Task SendUpgradeSplitAsync(Uri baseAddress, string path)
    {
        var request = Encoding.ASCII.GetBytes(UpgradeRequest(baseAddress, path));
        await SendRawAsync(request[..20]);
        await Task.Delay(300);
        await SendRawAsync(request[20..]);
    }

    /// <summary>A TCP connection to the gateway on which nothing was sent yet.</summary>
    public static async Task<RawSocketClient> OpenAsync(Uri baseAddress)
    {
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return new RawSocketClient(tcp);
    }

    /// <summary>The upgrade request a browser sends (RFC 6455 4.1), with a fresh key.</summary>
    public static string UpgradeRequest(Uri baseAddress, string path) =>
        $"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\nSec-WebSocket-Version: 13\r\n\r\n";

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public Task<byte[]> ReadRawAsync(int count) => ReadExactlyAsync(count, CancellationToken.None);

    /// <summary>An HTTP response head, up to its empty line.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            head.Append((char)await ReadByteAsync());
        return head.ToString();
    }

    public Task SendTextAsync(string text) => SendRawAsync(MaskedTextFrame(text));

    /// <summary>One text frame as a client sends it (masked, RFC 6455 5.3).</summary>
    public static byte[] MaskedTextFrame(string text) => MaskedFrame(0x1, Encoding.UTF8.GetBytes(text));

    /// <summary>A pong with no payload, as a client answers a ping.</summary>
    public Task SendPongAsync() => SendRawAsync(MaskedFrame(0xA, []));

    /// <summary>One final frame of the given opcode as a client sends it (masked, RFC 6455 5.3).</summary>
    public static byte[] MaskedFrame(int opcode, byte[] payload)
    {
        var mask = RandomNumberGenerator.GetBytes(4);
        using var frame = new MemoryStream();
        frame.WriteByte((byte)(0x80 | opcode));
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
        return frame.ToArray();
    }

    /// <summary>The next text frame's payload (control frames before it are skipped).</summary>
    public async Task<string> ReceiveTextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync(cts.Token);
            if (opcode == 0x1)
                return Encoding.UTF8.GetString(payload);
        }
    }

    /// <summary>Reads until the server ends the connection; true when it did within the timeout.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Reads frames until the close frame; returns the text frames seen and the close code.</summary>
    public async Task<(int TextFrames, int CloseCode)> ReadUntilCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var texts = 0;
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync(cts.Token);
            switch (opcode)
            {
                case 0x1:
                    texts++;
                    break;
                case 0x8:
                    return (texts, payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : 0);
            }
        }
    }

    /// <summary>The next frame, control frames included.</summary>
    public async Task<(int Opcode, byte[] Payload)> ReceiveFrameAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await ReadFrameAsync(cts.Token);
    }

    private async Task<(int Opcode, byte[] Payload)> ReadFrameAsync(CancellationToken token)
    {
        var first = await ReadByteAsync(token);
        var second = await ReadByteAsync(token);
        long length = second & 0x7F;
        if (length == 126)
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2, token));
        else if (length == 127)
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, token));
        return (first & 0x0F, await ReadExactlyAsync((int)length, token));
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
