using System.Net;

namespace Realtime.Tests.Integration;

/// <summary>Graceful leave: /readyz turns unready first, then every socket gets 1012, then the node leaves.</summary>
[Collection("gateway")]
public sealed class DrainTests
{
    [Fact]
    public async Task A_leaving_node_turns_unready_before_closing_its_sockets_with_1012()
    {
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["Realtime:Drain:UnreadyDelay"] = "00:00:01",
            ["Realtime:Drain:BatchSize"] = "2",
            ["Realtime:Drain:Interval"] = "00:00:00.200",
        });
        var leaving = cluster.Nodes[1];
        var sockets = new List<TestSocket>();
        for (var i = 0; i < 5; i++)
            sockets.Add(await leaving.SubscribeAsync($"user{i}", ["role-a"]));
        await using var survivor = await cluster.Nodes[0].SubscribeAsync("alice", ["role-a"]);

        DateTime? unreadyAt = null;
        using var http = new HttpClient { BaseAddress = leaving.BaseAddress };
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested && unreadyAt is null)
            {
                try
                {
                    var response = await http.GetAsync("/readyz", polling.Token);
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        unreadyAt = DateTime.UtcNow;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
                await Task.Delay(20);
            }
        });

        var stopping = leaving.StopAsync();
        var closedAt = new List<DateTime>();
        foreach (var socket in sockets)
        {
            var (_, code) = await socket.ReceiveUntilCloseAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(1012, code);
            closedAt.Add(DateTime.UtcNow);
        }
        await stopping;
        await polling.CancelAsync();
        await poller;

        Assert.NotNull(unreadyAt);
        Assert.True(unreadyAt < closedAt.Min(), $"unready at {unreadyAt:O}, first close at {closedAt.Min():O}");
        // The survivor's socket is untouched and its node still serves events.
        Assert.Equal(HttpStatusCode.Accepted, (await cluster.Nodes[0].IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after-drain", "n-after"))).StatusCode);
        Assert.Equal("alpha/after-drain", (await survivor.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }
}
