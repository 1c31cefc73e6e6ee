using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>The events socket end to end: real Kestrel, real WebSockets, events in over HTTP ingest.</summary>
[Collection("gateway")]
public sealed class EventSocketTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:TokenExpiryGrace"] = "00:00:01",
        ["Realtime:Sockets:AuthTimeout"] = "00:00:02",
        ["Realtime:Sockets:MaxFrameBytes"] = "4096",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Subscribe_is_acknowledged_with_user_workspaces_and_expiry()
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SubscribeAsync(_gateway.Token("alice", ["role-a"], lifetime: TimeSpan.FromMinutes(5)));

        var ack = await socket.ReceiveJsonAsync();

        Assert.Equal("subscribed", ack.GetProperty("@type").GetString());
        Assert.Equal("alice", ack.GetProperty("user").GetString());
        Assert.Equal(["ws-a"], ack.GetProperty("workspaces").EnumerateArray().Select(w => w.GetString()));
        Assert.InRange(ack.GetProperty("exp").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(4).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task An_ingested_event_reaches_exactly_the_entitled_sessions_with_rewritten_paths()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await using var bob = await _gateway.SubscribeAsync("bob", ["role-b"]);

        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "plan.txt", "n-plan")));
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/b", "budget.xls", "n-budget")));

        var forAlice = await alice.ReceiveJsonAsync();
        Assert.False(forAlice.TryGetProperty("Type", out _));
        Assert.Equal("alpha/plan.txt", forAlice.GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("\"ws-a\"", forAlice.GetProperty("Target").GetProperty("MetaStore").GetProperty("EventWorkspaceId").GetString());
        var forBob = await bob.ReceiveJsonAsync();
        Assert.Equal("beta/budget.xls", forBob.GetProperty("Target").GetProperty("Path").GetString());

        // Each got exactly its own: the next frame of each is the next marker, not the other tenant's event.
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "marker-a", "n-ma")));
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/b", "marker-b", "n-mb")));
        Assert.Equal("alpha/marker-a", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("beta/marker-b", (await bob.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task A_denied_sub_folder_is_never_sent()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);

        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a/secret", "hidden.txt", "n-hidden")));
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "visible.txt", "n-visible")));

        Assert.Equal("alpha/visible.txt", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task Resubscribing_as_another_user_switches_what_arrives()
    {
        await using var socket = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await socket.SubscribeAsync(_gateway.Token("bob", ["role-b"]));
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("bob", ack.GetProperty("user").GetString());

        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "for-alice", "n-1")));
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/b", "for-bob", "n-2")));

        Assert.Equal("beta/for-bob", (await socket.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery_and_keeps_the_socket_open()
    {
        await using var socket = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await socket.SendAsync("""{"@type":"unsubscribe"}""");
        await Task.Delay(200);

        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after", "n-after")));

        // Subscribing again on the same socket works, and the event sent while unsubscribed never arrives.
        await socket.SubscribeAsync(_gateway.Token("alice", ["role-a"]));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "again", "n-again")));
        Assert.Equal("alpha/again", (await socket.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task Removing_an_acl_by_idm_event_stops_delivery_live()
    {
        await using var alice = await _gateway.SubscribeAsync("alice", ["role-a"]);
        await using var bob = await _gateway.SubscribeAsync("bob", ["role-b"]);

        await Accepted(_gateway.IngestAsync("idm", """{"Type":"DELETE","Acl":{"ID":"a1","RoleID":"role-a","WorkspaceID":"ws-a","NodeID":"n-a","Action":{"Name":"read"}}}"""));
        var idm = await alice.ReceiveJsonAsync();
        Assert.Equal("idm", idm.GetProperty("@type").GetString());

        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after-removal", "n-x")));
        await Accepted(_gateway.IngestAsync("task", """{"TaskUpdated":{"ID":"t","TriggerOwner":"alice","Status":"Running"}}"""));

        var next = await alice.ReceiveJsonAsync();
        Assert.True(next.TryGetProperty("TaskUpdated", out _), $"expected the task frame, got {next}");
    }

    [Fact]
    public async Task Token_expiry_sends_an_error_then_closes_4002_after_the_grace()
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SubscribeAsync(_gateway.Token("alice", ["role-a"], lifetime: TimeSpan.FromSeconds(2)));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());

        var (frames, code) = await socket.ReceiveUntilCloseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4002, code);
        var error = JsonDocument.Parse(Assert.Single(frames)).RootElement;
        Assert.Equal("error", error.GetProperty("@type").GetString());
        Assert.Equal("token expired", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_socket_that_never_subscribes_is_closed_4003()
    {
        await using var socket = await _gateway.ConnectAsync();
        var (_, code) = await socket.ReceiveUntilCloseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4003, code);
    }

    [Fact]
    public async Task An_oversized_frame_is_closed_1009()
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SendAsync(new string('x', 5000));
        var (_, code) = await socket.ReceiveUntilCloseAsync();
        Assert.Equal(1009, code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"@type":42}""")]
    public async Task A_malformed_frame_gets_an_error_then_close_4000(string frame)
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SendAsync(frame);
        var (frames, code) = await socket.ReceiveUntilCloseAsync();
        Assert.Equal(4000, code);
        Assert.Equal("error", JsonDocument.Parse(Assert.Single(frames)).RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task Unknown_types_and_binary_frames_are_ignored()
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SendAsync("""{"@type":"future-thing"}""");
        await socket.SendAsync("""{"no-type":true}""");
        await socket.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);
        await socket.SubscribeAsync(_gateway.Token("alice", ["role-a"]));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());
    }

    [Theory]
    [InlineData("", "empty jwt")]
    [InlineData("garbage.token.here", null)]
    public async Task A_bad_or_empty_token_gets_an_error_then_close_4001(string jwt, string? expectedError)
    {
        await using var socket = await _gateway.ConnectAsync();
        await socket.SubscribeAsync(jwt);
        var (frames, code) = await socket.ReceiveUntilCloseAsync();
        Assert.Equal(4001, code);
        var error = JsonDocument.Parse(Assert.Single(frames)).RootElement;
        Assert.Equal("error", error.GetProperty("@type").GetString());
        Assert.Equal("", error.GetProperty("jwt").GetString());
        if (expectedError is not null)
            Assert.Equal(expectedError, error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_4001()
    {
        var foreign = new Realtime.Actors.Auth.DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, "another-signing-key-0123456789abcdefgh");
        await using var socket = await _gateway.ConnectAsync();
        await socket.SubscribeAsync(foreign.Issue("alice", ["role-a"]));
        var (_, code) = await socket.ReceiveUntilCloseAsync();
        Assert.Equal(4001, code);
    }

    [Fact]
    public async Task A_plain_get_on_a_socket_path_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/ws")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/ws/event")).StatusCode);
    }

    [Fact]
    public async Task The_event_alias_path_works()
    {
        await using var socket = await _gateway.SubscribeAsync("alice", ["role-a"], path: "/ws/event");
        await Accepted(_gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "via-alias", "n-alias")));
        Assert.Equal("alpha/via-alias", (await socket.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    private static async Task Accepted(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
