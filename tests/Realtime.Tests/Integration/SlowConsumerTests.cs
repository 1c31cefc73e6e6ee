using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>
/// PROTOCOL 3.3: a burst is not a slow consumer. A client reading at network speed gets every event of a burst far
/// larger than its queue bound; a client that stopped reading is closed with 4008 within the slow-consumer timeout.
/// </summary>
[Collection("gateway")]
public sealed class SlowConsumerTests : IAsyncLifetime
{
    private const int Batches = 50, PerBatch = 400;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:MaxQueueBytes"] = (256 * 1024).ToString(),
        ["Realtime:Sockets:SlowConsumerTimeout"] = "2",
        ["Realtime:Sockets:CloseTimeout"] = "30",
        ["Realtime:Routing:CoalesceQuiet"] = "0",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_reading_client_gets_a_whole_burst_while_a_client_that_stopped_reading_is_closed_4008()
    {
        using var stalled = await RawSocketClient.ConnectAsync(_gateway.BaseAddress, "/ws");
        await stalled.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("stalled", ["role-a"]) }));
        await using var reader = await _gateway.SubscribeAsync("reader", ["role-a"]);
        await Task.Delay(300);

        var received = 0;
        var reading = Task.Run(async () =>
        {
            while (received < Batches * PerBatch)
            {
                var frame = await reader.ReceiveJsonAsync(TimeSpan.FromSeconds(30));
                if (frame.TryGetProperty("Target", out _))
                    received++;
            }
        });
        // 20,000 events of about 1.5 KiB in batches of 400, posted back to back: each batch alone is more than the
        // 256 KiB queue bound.
        var padding = new string('p', 1400);
        for (var b = 0; b < Batches; b++)
        {
            var events = Enumerable.Range(0, PerBatch).Select(i =>
                "{\"Type\":\"CREATE\",\"Target\":{\"Uuid\":\"n-" + b + "-" + i + "\",\"Path\":\"ds/a/f" + b + "-" + i + "\",\"MetaStore\":{\"pad\":\"\\\"" + padding + "\\\"\"}}}");
            var response = await _gateway.IngestAsync("tree", "[" + string.Join(",", events) + "]");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Batches * PerBatch, received);

        // The stalled client has been stuck for longer than the timeout by now: it reads what the kernel buffered,
        // then the 4008 close, never the whole burst.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (frames, code) = await stalled.ReadUntilCloseAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4008, code);
        Assert.True(frames < Batches * PerBatch, $"the stalled client got {frames} frames");
        Assert.True(frames > 0);
    }

    [Fact]
    public async Task A_stalled_socket_releases_its_queue_when_closed()
    {
        using var stalled = await RawSocketClient.ConnectAsync(_gateway.BaseAddress, "/ws");
        await stalled.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("stalled", ["role-a"]) }));
        await Task.Delay(300);
        var padding = new string('p', 1400);
        for (var b = 0; b < 20; b++)
        {
            var events = Enumerable.Range(0, PerBatch).Select(i =>
                "{\"Type\":\"DELETE\",\"Source\":{\"Uuid\":\"d-" + b + "-" + i + "\",\"Path\":\"ds/a/d" + b + "-" + i + "\",\"MetaStore\":{\"pad\":\"\\\"" + padding + "\\\"\"}}}");
            Assert.Equal(HttpStatusCode.Accepted, (await _gateway.IngestAsync("tree", "[" + string.Join(",", events) + "]")).StatusCode);
        }
        var counters = Realtime.Actors.Metrics.RealtimeCounters.For(_gateway.Services.GetRequiredService<Akka.Actor.ActorSystem>());
        Assert.True(counters.OutboundQueueBytes > 256 * 1024, $"queued {counters.OutboundQueueBytes} bytes");

        // Closed within the timeout (2 s, swept every 0.5 s) of its last progress; its queued frames are dropped.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (counters.OutboundQueueBytes > 256 * 1024 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(counters.OutboundQueueBytes <= 256 * 1024, $"still queued {counters.OutboundQueueBytes} bytes");
        var (_, code) = await stalled.ReadUntilCloseAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4008, code);
    }
}
