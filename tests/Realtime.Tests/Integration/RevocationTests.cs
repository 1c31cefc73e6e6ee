using System.Net;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>PROTOCOL 4.4: after an IDM LOGOUT, the user's earlier tokens are refused on every node; later ones work.</summary>
[Collection("multi-node")]
public sealed class RevocationTests
{
    [Fact]
    public async Task After_a_logout_at_one_node_the_users_earlier_token_is_refused_on_both_nodes_and_a_later_one_works()
    {
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var before = a.Token("alice", ["role-a"]);
        var onA = await a.SubscribeAsync("alice", ["role-a"]);
        var onB = await b.SubscribeAsync("alice", ["role-a"]);
        await using var bob = await b.SubscribeAsync("bob", ["role-a"]);

        Assert.Equal(HttpStatusCode.Accepted, (await a.IngestAsync("idm", """{"Type":"LOGOUT","User":{"Login":"alice"}}""")).StatusCode);
        // Each node closes alice's sockets once it has the LOGOUT (and has revoked her tokens).
        foreach (var socket in new[] { onA, onB })
        {
            Assert.Equal(4001, (await socket.ReceiveUntilCloseAsync()).Code);
            await socket.DisposeAsync();
        }

        foreach (var node in cluster.Nodes)
        {
            await using var again = await node.ConnectAsync();
            await again.SubscribeAsync(before);
            var (frames, code) = await again.ReceiveUntilCloseAsync();
            Assert.Equal("token revoked", JsonDocument.Parse(Assert.Single(frames)).RootElement.GetProperty("error").GetString());
            Assert.Equal(4001, code);
        }

        // iat has whole seconds: a token of the next second is issued after the LOGOUT.
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTime.UtcNow.Millisecond + 50));
        await using var later = await b.SubscribeAsync("alice", ["role-a"]);
        await using var laterOnA = await a.SubscribeAsync("alice", ["role-a"]);
        Assert.Equal(HttpStatusCode.Accepted, (await a.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after-logout.txt"))).StatusCode);
        Assert.Equal("alpha/after-logout.txt", (await later.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        Assert.Equal("alpha/after-logout.txt", (await bob.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }
}
