using System.Net;
using System.Text.Json;
using static Realtime.Tests.Integration.RecoveryEvents;

namespace Realtime.Tests.Integration;

/// <summary>PROTOCOL 7.1 on one node (the embedded default, no NATS): positions, resume after a cursor, honest refusals.</summary>
[Collection("gateway")]
public sealed class RecoveryTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Recovery:MaxReplayFrames"] = "150",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_v2_subscribe_gets_a_position_and_every_event_frame_carries_one()
    {
        await using var v1 = await _gateway.SubscribeAsync("alice", ["role-a"]);
        var (v2, subscribed) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"]);
        await using var _ = v2;
        Assert.StartsWith("1.", subscribed.GetProperty("pos").GetString());
        Assert.False(subscribed.TryGetProperty("recovered", out var _));

        await Ingest("tree", SampleDirectory.CreateIn("ds/a", "one.txt", "n-one"));
        await Ingest("task", Task("alice", "t-1"));

        var node = await v2.ReceiveJsonAsync();
        Assert.Equal("alpha/one.txt", node.GetProperty("Target").GetProperty("Path").GetString());
        Assert.StartsWith("1.", node.GetProperty("@pos").GetString());
        var task = await v2.ReceiveJsonAsync();
        Assert.Equal("t-1", task.GetProperty("TaskUpdated").GetProperty("ID").GetString());
        Assert.NotEqual(node.GetProperty("@pos").GetString(), task.GetProperty("@pos").GetString());

        // v1 sees no position at all
        var v1Text = await v1.ReceiveTextAsync();
        Assert.DoesNotContain("@pos", v1Text);
    }

    [Fact]
    public async Task A_client_away_while_mixed_events_are_ingested_gets_exactly_what_it_missed_in_order_then_live()
    {
        var (first, _) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"]);
        await Ingest("tree", SampleDirectory.CreateIn("ds/a", "before.txt", "n-before"));
        var cursor = (await first.ReceiveJsonAsync()).GetProperty("@pos").GetString()!;
        await first.DisposeAsync();

        var expected = await IngestMixedAsync((topic, body) => _gateway.IngestAsync(topic, body));

        var (again, subscribed) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"], cursor);
        await using var __ = again;
        Assert.True(subscribed.GetProperty("recovered").GetBoolean());
        var last = await ExpectFramesAsync(again, expected);

        await Ingest("tree", Delete("ds/a", "live"));
        var live = await again.ReceiveJsonAsync();
        Assert.Equal("alpha/live", Describe(live));
        Assert.NotEqual(last, live.GetProperty("@pos").GetString());

        // Resuming from the last position seen gets only what came after it: nothing twice at the seam.
        var (third, thirdAck) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"], live.GetProperty("@pos").GetString());
        await using var ___ = third;
        Assert.True(thirdAck.GetProperty("recovered").GetBoolean());
        await third.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1.zz-unknown-origin.5")]
    [InlineData("")]
    public async Task A_cursor_that_cannot_be_honoured_gets_recovered_false_and_nothing(string cursor)
    {
        await Ingest("tree", Delete("ds/a", "x"));
        var (socket, subscribed) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"], cursor);
        await using var _ = socket;
        Assert.False(subscribed.GetProperty("recovered").GetBoolean());
        Assert.StartsWith("1.", subscribed.GetProperty("pos").GetString());
        await socket.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        await Ingest("tree", Delete("ds/a", "after"));
        Assert.Equal("alpha/after", Describe(await socket.ReceiveJsonAsync()));
    }

    [Fact]
    public async Task A_position_taken_before_any_event_names_its_node_so_a_restarted_node_answers_recovered_false()
    {
        string cursor;
        await using (var before = await TestGateway.StartAsync())
        {
            var (socket, subscribed) = await RecoveryClient.SubscribeAsync(before, "alice", ["role-a"]);
            cursor = subscribed.GetProperty("pos").GetString()!;
            await socket.DisposeAsync();
            Assert.NotEqual("1.", cursor);
            // Published while alice is away, then the node goes: this event lives in no other node's log.
            Assert.Equal(HttpStatusCode.Accepted, (await before.IngestAsync("tree", Delete("ds/a", "lost"))).StatusCode);
        }
        var (again, ack) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"], cursor);
        await using var _ = again;
        Assert.False(ack.GetProperty("recovered").GetBoolean());
    }

    [Fact]
    public async Task More_missed_frames_than_the_replay_bound_get_recovered_false_and_nothing()
    {
        var (first, subscribed) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"]);
        var cursor = subscribed.GetProperty("pos").GetString();
        await first.DisposeAsync();
        for (var i = 0; i < 151; i++)
            await Ingest("tree", Delete("ds/a", $"m{i}"));

        var (again, ack) = await RecoveryClient.SubscribeAsync(_gateway, "alice", ["role-a"], cursor);
        await using var _ = again;
        Assert.False(ack.GetProperty("recovered").GetBoolean());
        await again.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Events_of_a_workspace_revoked_while_away_are_not_replayed()
    {
        var (first, subscribed) = await RecoveryClient.SubscribeAsync(_gateway, "carol", ["role-c"]);
        var cursor = subscribed.GetProperty("pos").GetString();
        await first.DisposeAsync();
        // role-c is granted A, gets events there, then loses it; B is granted afterwards.
        await Ingest("idm", """{"Type":"CREATE","Acl":{"ID":"c1","RoleID":"role-c","WorkspaceID":"ws-a","NodeID":"n-a","Action":{"Name":"read","Value":"1"}}}""");
        await Ingest("tree", Delete("ds/a", "while-granted"));
        await Ingest("idm", """{"Type":"DELETE","Acl":{"ID":"c1","RoleID":"role-c","NodeID":"n-a"}}""");
        await Ingest("idm", """{"Type":"CREATE","Acl":{"ID":"c2","RoleID":"role-c","WorkspaceID":"ws-b","NodeID":"n-b","Action":{"Name":"read","Value":"1"}}}""");
        await Ingest("tree", Delete("ds/b", "now-visible"));

        var (again, ack) = await RecoveryClient.SubscribeAsync(_gateway, "carol", ["role-c"], cursor);
        await using var _ = again;
        Assert.True(ack.GetProperty("recovered").GetBoolean());
        var frames = new List<string>();
        for (var i = 0; i < 4; i++)
            frames.Add(Describe(await again.ReceiveJsonAsync()));
        await again.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(["idm", "idm", "idm", "beta/now-visible"], frames);
    }

    [Fact]
    public async Task An_ingest_retried_with_the_same_idempotency_key_is_delivered_once()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        var body = "[" + Delete("ds/a", "once-1") + "," + Delete("ds/a", "once-2") + "]";
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events/tree") { Content = new StringContent(body) };
            request.Headers.Authorization = new("Bearer", TestGateway.IngestKey);
            request.Headers.Add("Idempotency-Key", "retry-1");
            var response = await _gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(2, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
        }
        await Ingest("tree", Delete("ds/a", "marker"));
        Assert.Equal("alpha/once-1", Describe(await alice.ReceiveJsonAsync()));
        Assert.Equal("alpha/once-2", Describe(await alice.ReceiveJsonAsync()));
        Assert.Equal("alpha/marker", Describe(await alice.ReceiveJsonAsync()));
    }

    private async Task Ingest(string topic, string json)
    {
        var response = await _gateway.IngestAsync(topic, json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
