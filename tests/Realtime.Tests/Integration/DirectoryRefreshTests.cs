using Microsoft.Extensions.DependencyInjection;
using Realtime.App.Hosting;

namespace Realtime.Tests.Integration;

/// <summary>
/// A directory that stays true (issue 8): a snapshot URL that is down at start leaves the node up but without a
/// directory until it answers; a changed snapshot applies within one refresh interval; a bad one keeps the last good.
/// </summary>
[Collection("gateway")]
public sealed class DirectoryRefreshTests
{
    private static Dictionary<string, string?> Settings(SnapshotServer server) => new()
    {
        ["Realtime:Directory:SnapshotFile"] = null,
        ["Realtime:Directory:SnapshotUrl"] = server.Url,
        ["Realtime:Directory:RefreshInterval"] = "1",
    };

    [Fact]
    public async Task A_snapshot_url_down_at_start_leaves_the_node_running_until_it_answers()
    {
        await using var server = SnapshotServer.Start(SampleDirectory.Json);
        server.Down = true;
        await using var gateway = await TestGateway.StartAsync(Settings(server), waitReady: false);
        var state = gateway.Services.GetRequiredService<DirectoryState>();
        Assert.False(state.IsLoaded);
        Assert.True(state.Failures > 0);
        var unready = await gateway.Http.GetAsync("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.Contains("\"directory\":false", await unready.Content.ReadAsStringAsync());

        server.Down = false;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await gateway.Http.GetAsync("/readyz")).StatusCode != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(state.IsLoaded);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.Http.GetAsync("/readyz")).StatusCode);
        await using var alice = await gateway.SubscribeAsync("alice", ["role-a"]);
        await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "loaded.txt", "n-loaded"));
        Assert.Equal("alpha/loaded.txt", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task A_snapshot_that_removes_an_acl_stops_that_users_events_within_one_refresh()
    {
        await using var server = SnapshotServer.Start(SampleDirectory.Json);
        await using var gateway = await TestGateway.StartAsync(Settings(server));
        await using var alice = await gateway.SubscribeAsync("alice", ["role-a"]);
        await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "before.txt", "n-before"));
        Assert.Equal("alpha/before.txt", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());

        // Unchanged snapshots are answered 304: nothing is parsed or applied again.
        await Task.Delay(2500);
        Assert.True(server.NotModifiedAnswers > 0);

        server.Serve(SampleDirectory.Json.Replace("\"RoleID\": \"role-a\", \"WorkspaceID\": \"ws-a\", \"NodeID\": \"n-a\"", "\"RoleID\": \"role-x\", \"WorkspaceID\": \"ws-a\", \"NodeID\": \"n-a\""));
        await Task.Delay(2500);
        await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "after.txt", "n-after"));
        await alice.ExpectNothingAsync(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_bad_snapshot_keeps_the_last_good_one_and_is_counted()
    {
        await using var server = SnapshotServer.Start(SampleDirectory.Json);
        await using var gateway = await TestGateway.StartAsync(Settings(server));
        var state = gateway.Services.GetRequiredService<DirectoryState>();
        await using var alice = await gateway.SubscribeAsync("alice", ["role-a"]);

        server.Serve("{ not json");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (state.Failures == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(state.Failures > 0);
        await gateway.IngestAsync("tree", SampleDirectory.CreateIn("ds/a", "still.txt", "n-still"));
        Assert.Equal("alpha/still.txt", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());
    }
}
