using System.Net;
using System.Net.WebSockets;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Realtime.Actors.Sessions;

namespace Realtime.Tests.Integration;

/// <summary>Admission limits of PROTOCOL 3.3 at their boundary: MaxConnections per node, MaxSocketsPerUser per login.</summary>
[Collection("gateway")]
public sealed class AdmissionTests
{
    [Fact]
    public async Task At_MaxConnections_one_more_upgrade_gets_503_with_Retry_After_and_the_open_sockets_carry_on()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Realtime:Sockets:MaxConnections"] = "2" });
        await using var events = await gateway.SubscribeAsync("alice", ["role-a"]);
        var chat = await gateway.SubscribeAsync("bob", ["role-b"], path: "/chat");

        foreach (var path in new[] { "/ws", "/chat" })
        {
            using var refused = new ClientWebSocket();
            refused.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(gateway.SocketUri(path), CancellationToken.None));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
            Assert.Equal("5", Assert.Single(refused.HttpResponseHeaders!["Retry-After"]));
        }

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after-refusal.txt"))).StatusCode);
        Assert.Equal("alpha/after-refusal.txt", (await events.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal(WebSocketState.Open, chat.Socket.State);

        // A closed socket gives its slot back.
        await chat.DisposeAsync();
        await using var next = await ConnectWhenASlotIsFreeAsync(gateway);
        Assert.Equal(WebSocketState.Open, next.Socket.State);
    }

    [Fact]
    public async Task At_MaxSocketsPerUser_one_more_subscribe_of_that_login_gets_too_many_connections_and_4029()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Realtime:Sockets:MaxSocketsPerUser"] = "2" });
        await using var first = await gateway.SubscribeAsync("alice", ["role-a"]);
        await using var second = await gateway.SubscribeAsync("alice", ["role-a"], path: "/chat");

        await using var third = await gateway.ConnectAsync();
        await third.SubscribeAsync(gateway.Token("alice", ["role-a"]));
        var (frames, code) = await third.ReceiveUntilCloseAsync();
        var error = System.Text.Json.JsonDocument.Parse(Assert.Single(frames)).RootElement;
        Assert.Equal("error", error.GetProperty("@type").GetString());
        Assert.Equal("too many connections", error.GetProperty("error").GetString());
        Assert.Equal(4029, code);

        // Another login is not affected, nor are alice's open sockets.
        await using var bob = await gateway.SubscribeAsync("bob", ["role-a"]);
        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "still.txt"))).StatusCode);
        Assert.Equal("alpha/still.txt", (await first.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("alpha/still.txt", (await bob.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal(WebSocketState.Open, second.Socket.State);
        Assert.Equal(2, OpenSocketsOf(gateway, "alice"));
    }

    [Fact]
    public async Task A_socket_stops_counting_for_a_login_on_close_unsubscribe_or_subscribe_as_another_user()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Realtime:Sockets:MaxSocketsPerUser"] = "1" });

        var closing = await gateway.SubscribeAsync("alice", ["role-a"]);
        await closing.DisposeAsync();
        await WaitForCountAsync(gateway, "alice", 0);

        await using var unsubscribing = await gateway.SubscribeAsync("alice", ["role-a"]);
        await unsubscribing.SendAsync("""{"@type":"unsubscribe"}""");
        await WaitForCountAsync(gateway, "alice", 0);

        await using var switching = await gateway.SubscribeAsync("alice", ["role-a"]);
        await switching.SubscribeAsync(gateway.Token("bob", ["role-a"]));
        Assert.Equal("subscribed", (await switching.ReceiveJsonAsync()).GetProperty("@type").GetString());
        Assert.Equal(0, OpenSocketsOf(gateway, "alice"));
        Assert.Equal(1, OpenSocketsOf(gateway, "bob"));

        // Re-subscribing as the same login keeps its one place.
        await switching.SubscribeAsync(gateway.Token("bob", ["role-a"]));
        Assert.Equal("subscribed", (await switching.ReceiveJsonAsync()).GetProperty("@type").GetString());
        await using var alice = await gateway.SubscribeAsync("alice", ["role-a"]);
        Assert.Equal(1, OpenSocketsOf(gateway, "bob"));
        Assert.Equal(1, OpenSocketsOf(gateway, "alice"));
    }

    private static int OpenSocketsOf(TestGateway gateway, string login) =>
        UserSocketCounts.For(gateway.Services.GetRequiredService<ActorSystem>()).Count(login);

    private static async Task WaitForCountAsync(TestGateway gateway, string login, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (OpenSocketsOf(gateway, login) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(expected, OpenSocketsOf(gateway, login));
    }

    /// <summary>A slot comes back once the server has finished with the closed connection, a moment after the client.</summary>
    private static async Task<TestSocket> ConnectWhenASlotIsFreeAsync(TestGateway gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return await gateway.ConnectAsync();
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
