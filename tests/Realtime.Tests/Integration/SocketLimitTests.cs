using System.Net;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>Per-socket limits: slow consumer, inbound rate, origin allow-list.</summary>
[Collection("gateway")]
public sealed class SocketLimitTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:MaxQueueBytes"] = "1048576",
        ["Realtime:Sockets:MaxInboundPerSecond"] = "5",
        ["Realtime:Sockets:InboundBurst"] = "10",
        ["Realtime:Sockets:AllowedOrigins"] = "https://app.example.com,https://other.example.com",
        ["Realtime:Ingest:MaxIngestBytes"] = "2000000",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_client_that_never_reads_is_closed_4008_while_a_reading_client_gets_every_event()
    {
        using var stuck = await RawSocketClient.ConnectAsync(_gateway.BaseAddress, "/ws");
        await stuck.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("stuck", ["role-a"]) }));
        await using var reader = await _gateway.SubscribeAsync("reader", ["role-a"]);
        await Task.Delay(300);

        // A reader absorbs a burst of one batch (480 KB < 1 MiB); the stuck client overflows once the kernel buffers are full.
        const int batches = 25, perBatch = 60;
        var padding = new string('p', 8000);
        var received = 0;
        var reading = Task.Run(async () =>
        {
            while (received < batches * perBatch)
            {
                var frame = await reader.ReceiveJsonAsync(TimeSpan.FromSeconds(30));
                if (frame.TryGetProperty("Target", out _))
                    received++;
            }
        });
        for (var b = 0; b < batches; b++)
        {
            var events = Enumerable.Range(0, perBatch).Select(i =>
                "{\"Type\":\"CREATE\",\"Target\":{\"Uuid\":\"n-" + b + "-" + i + "\",\"Path\":\"ds/a/f" + b + "-" + i + "\",\"MetaStore\":{\"pad\":\"\\\"" + padding + "\\\"\"}}}");
            var response = await _gateway.IngestAsync("tree", "[" + string.Join(",", events) + "]");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            // Paced like a producer a healthy client keeps up with; the stuck client falls behind regardless.
            var target = (b + 1) * perBatch;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Volatile.Read(ref received) < target && DateTime.UtcNow < deadline)
                await Task.Delay(5);
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(batches * perBatch, received);

        var (_, code) = await stuck.ReadUntilCloseAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(4008, code);
    }

    [Fact]
    public async Task Too_many_frames_per_second_get_an_error_then_close_4029()
    {
        await using var socket = await TestSocket.ConnectAsync(_gateway.SocketUri(), o => o.SetRequestHeader("Origin", "https://app.example.com"));
        for (var i = 0; i < 30; i++)
            await socket.SendAsync("""{"@type":"noop"}""");
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
