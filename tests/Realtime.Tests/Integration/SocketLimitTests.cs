using System.Net;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>Per-socket limits: inbound rate, origin allow-list.</summary>
[Collection("gateway")]
public sealed class SocketLimitTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:MaxInboundPerSecond"] = "5",
        ["Realtime:Sockets:InboundBurst"] = "10",
        ["Realtime:Sockets:AllowedOrigins"] = "https://app.example.com,https://other.example.com",
        ["Realtime:Ingest:MaxIngestBytes"] = "2000000",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Too_many_frames_per_second_get_an_error_then_close_4029()
    {
        await using var socket = await TestSocket.ConnectAsync(_gateway.SocketUri(), o => o.SetRequestHeader("Origin", "https://app.example.com"));
        // The server may close before all 30 are out: the rest have nowhere to go.
        for (var i = 0; i < 30 && socket.Socket.State == System.Net.WebSockets.WebSocketState.Open; i++)
        {
            try
            {
                await socket.SendAsync("""{"@type":"noop"}""");
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                break;
            }
        }
        var (frames, code) = await socket.ReceiveUntilCloseAsync();
        Assert.Equal(4029, code);
        Assert.Equal("error", JsonDocument.Parse(Assert.Single(frames)).RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task A_refused_origin_gets_403_before_the_upgrade()
    {
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            TestSocket.ConnectAsync(_gateway.SocketUri(), o => o.SetRequestHeader("Origin", "https://evil.example.com")));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task An_allowed_origin_connects()
    {
        await using var socket = await TestSocket.ConnectAsync(_gateway.SocketUri(), o => o.SetRequestHeader("Origin", "https://other.example.com"));
        await socket.SubscribeAsync(_gateway.Token("alice", ["role-a"]));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());
    }
}
