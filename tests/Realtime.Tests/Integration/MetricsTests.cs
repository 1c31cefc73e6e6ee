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
            Assert.Equal(1, await Metric("realtime_routed_sessions", null));
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
            Assert.Equal(1, await Metric("realtime_chat_rooms_live", null));
        }
        await Eventually(async () => await Metric("realtime_open_sockets", "endpoint=\"ws\"") == 0);
        // The session unregistered itself from the router when it stopped.
        await Eventually(async () => await Metric("realtime_routed_sessions", null) == 0);
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

    [Fact]
    public async Task Latency_histograms_count_real_traffic_and_runtime_series_are_exported()
    {
        await using (var alice = await _gateway.SubscribeAsync("alice", ["role-a"]))
        {
            Assert.Equal(1, await Metric("realtime_connect_duration_seconds_count", null));
            Assert.Equal(HttpStatusCode.Accepted, (await _gateway.IngestAsync("tree", $"[{SampleDirectory.CreateIn("ds/a", "1", "n1")}]")).StatusCode);
            await alice.ReceiveJsonAsync();
            Assert.Equal(1, await Metric("realtime_delivery_latency_seconds_count", null));
            Assert.True(await Metric("realtime_delivery_latency_seconds_bucket", "le=\"+Inf\"") == 1);
        }
        await using (var chat = await ChatTestClient.ConnectAsync(_gateway, "alice", ["role-a"]))
        {
            await chat.JoinedAsync(Realtime.Messages.Chat.ChatRoomType.GLOBAL, "lobby");
            await chat.PostAsync(ChatTestClient.Uuid(Realtime.Messages.Chat.ChatRoomType.GLOBAL, "lobby"), "hello");
            await chat.MessagesAsync(1);
        }
        Assert.Equal(2, await Metric("realtime_connect_duration_seconds_count", null));
        Assert.Equal(1, await Metric("realtime_chat_persist_latency_seconds_count", null));

        var text = await _gateway.Http.GetStringAsync("/metrics");
        foreach (var series in RuntimeSeries)
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, $"^{series}[ {{]", System.Text.RegularExpressions.RegexOptions.Multiline), $"{series} missing from /metrics");
    }

    /// <summary>Process and .NET runtime series the dashboard and operators rely on.</summary>
    private static readonly string[] RuntimeSeries =
    [
        "process_cpu_seconds_total", "process_working_set_bytes", "process_open_handles", "dotnet_collection_count_total",
        "dotnet_total_memory_bytes", "dotnet_gc_heap_size_bytes", "dotnet_gc_allocated_bytes_total", "dotnet_gc_pause_seconds_total",
        "dotnet_threadpool_threads", "dotnet_threadpool_queue_length",
    ];

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
