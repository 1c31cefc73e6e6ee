using System.Net;

namespace Realtime.Tests.Integration;

/// <summary>/metrics after a scripted session shows exactly what happened.</summary>
[Collection("gateway")]
public sealed class MetricsTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Counters_follow_a_scripted_session()
    {
        await using (var alice = await _gateway.SubscribeAsync("alice", ["role-a"]))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _gateway.IngestAsync("tree", $"[{SampleDirectory.CreateIn("ds/a", "1", "n1")},{SampleDirectory.CreateIn("ds/a", "2", "n2")}]")).StatusCode);
            await alice.ReceiveJsonAsync();
            await alice.ReceiveJsonAsync();
            Assert.Equal(1, await Metric("realtime_open_sockets", "endpoint=\"ws\""));
        }
        await using (var bad = await _gateway.ConnectAsync())
        {
            await bad.SubscribeAsync("not-a-token");
            await bad.ReceiveUntilCloseAsync();
        }
        await using (var chat = await ChatTestClient.ConnectAsync(_gateway, "alice", ["role-a"]))
        {
            await chat.JoinedAsync(Realtime.Messages.Chat.ChatRoomType.GLOBAL, "lobby");
            await chat.PostAsync(ChatTestClient.Uuid(Realtime.Messages.Chat.ChatRoomType.GLOBAL, "lobby"), "hello");
            await chat.MessagesAsync(1);
            Assert.Equal(1, await Metric("realtime_open_sockets", "endpoint=\"chat\""));
        }
        await Eventually(async () => await Metric("realtime_open_sockets", "endpoint=\"ws\"") == 0);
        await Eventually(async () => await Metric("realtime_open_sockets", "endpoint=\"chat\"") == 0);

        Assert.Equal(2, await Metric("realtime_subscribes_total", "result=\"ok\""));
        Assert.Equal(1, await Metric("realtime_chat_posts_total", null));
        Assert.Equal(1, await Metric("realtime_chat_persist_latency_seconds_count", null));
        Assert.Equal(1, await Metric("realtime_subscribes_total", "result=\"failed\""));
        Assert.Equal(2, await Metric("realtime_events_ingested_total", "topic=\"tree\""));
        Assert.Equal(1, await Metric("realtime_socket_closes_total", "code=\"4001\""));
        // In: 2 subscribes (one bad) + chat subscribe, JOIN, POST. Out: ack + 2 events, the error, chat ack, ROOM_UPDATE, the post.
        Assert.Equal(5, await Metric("realtime_frames_in_total", null));
        Assert.Equal(7, await Metric("realtime_frames_out_total", null));
        Assert.Equal(1, await Metric("realtime_cluster_members", "status=\"Up\""));
        Assert.Equal(0, await Metric("realtime_outbound_queue_bytes", null));
    }

    private Task<double> Metric(string name, string? labels) => PrometheusScrape.ValueAsync(_gateway.Http, name, labels);

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 10 s");
            await Task.Delay(50);
        }
    }
}
