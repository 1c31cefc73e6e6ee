using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Realtime.Tests.Integration;

/// <summary>
/// A real WebSocket client with the few helpers the protocol tests need. A background loop reads every frame
/// into a queue, so waiting for a frame with a timeout never aborts the socket.
/// </summary>
public sealed class TestSocket : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<string?> _frames = Channel.CreateUnbounded<string?>();

    private TestSocket(ClientWebSocket socket)
    {
        Socket = socket;
        _ = Task.Run(ReadLoopAsync);
    }

    public ClientWebSocket Socket { get; }

    public static async Task<TestSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new TestSocket(socket);
    }

    public Task SubscribeAsync(string jwt) => SendAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = jwt }));

    public Task SendAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBytesAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text) =>
        Socket.SendAsync(bytes, type, true, CancellationToken.None);

    /// <summary>The next text frame, or null when the server closed the socket.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        return await _frames.Reader.ReadAsync(cts.Token);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close as a browser does, echoing the server's code.
                    await Socket.CloseOutputAsync(Socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                await _frames.Writer.WriteAsync(Encoding.UTF8.GetString(message.ToArray()));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection ended without a close frame: reported as a close, with no status.
        }
        // Null marks the end; a closed channel keeps answering "closed" to later reads.
        _frames.Writer.TryWrite(null);
        _frames.Writer.TryComplete();
    }

    public async Task<JsonElement> ReceiveJsonAsync(TimeSpan? timeout = null)
    {
        var text = await ReceiveTextAsync(timeout) ?? throw new InvalidOperationException($"socket closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) while a frame was expected");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task ExpectNothingAsync(TimeSpan quiet)
    {
        try
        {
            var text = await ReceiveTextAsync(quiet);
            throw new Xunit.Sdk.XunitException($"expected no frame, got: {text ?? $"close {Socket.CloseStatus}"}");
        }
        catch (OperationCanceledException)
        {
            // Nothing came: as expected.
        }
    }

    /// <summary>Reads frames until the server's close frame; returns the frames read before it and the close code.</summary>
    public async Task<(List<string> Frames, int Code)> ReceiveUntilCloseAsync(TimeSpan? timeout = null)
    {
        var frames = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException("no close frame in time");
            var text = await ReceiveTextAsync(left);
            if (text is null)
                return (frames, (int)(Socket.CloseStatus ?? 0));
            frames.Add(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already gone.
            }
        }
        Socket.Dispose();
    }
}
