using System.Net;
using Realtime.Messages.Chat;

namespace Realtime.Tests.Integration;

/// <summary>The README's quick tour, on the shipped sample directory and sample events (copied next to the binaries).</summary>
[Collection("gateway")]
public sealed class QuickTourTests
{
    private static string Sample(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", path));

    [Fact]
    public async Task Posting_idm_remove_acl_stops_alices_events_of_the_projects_workspace_at_once()
    {
        await using var gateway = await TestGateway.StartAsync(directoryJson: Sample("directory.json"));
        await using var alice = await gateway.SubscribeAsync("alice", ["role-team"]);

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("tree", Sample("events/tree-create.json"))).StatusCode);
        Assert.Equal("projects/report.docx", (await alice.ReceiveJsonAsync()).GetProperty("Target").GetProperty("Path").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("idm", Sample("events/idm-remove-acl.json"))).StatusCode);
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal("idm", (await alice.ReceiveJsonAsync()).GetProperty("@type").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("tree", Sample("events/tree-move.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("task", Sample("events/task.json"))).StatusCode);
        // The task frame (alice's own) is the next one: the projects event before it was not delivered.
        var next = await alice.ReceiveJsonAsync();
        Assert.True(next.TryGetProperty("TaskUpdated", out _), $"expected the task frame, got {next}");
    }

    [Fact]
    public async Task After_the_acl_removal_alice_chats_in_the_shared_workspace_and_not_in_projects()
    {
        await using var gateway = await TestGateway.StartAsync(directoryJson: Sample("directory.json"));
        await using var events = await gateway.SubscribeAsync("alice", ["role-team"]);
        Assert.Equal(HttpStatusCode.Accepted, (await gateway.IngestAsync("idm", Sample("events/idm-remove-acl.json"))).StatusCode);
        // Both idm frames are out: the router has applied the removal before the chat socket asks it.
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal("idm", (await events.ReceiveJsonAsync()).GetProperty("@type").GetString());
        await using var chat = await ChatTestClient.ConnectAsync(gateway, "alice", ["role-team"]);

        await chat.JoinAsync(ChatRoomType.WORKSPACE, "ws-projects");
        Assert.Equal("workspace ws-projects is not accessible", await chat.ExpectErrorAsync());

        var room = await chat.JoinedAsync(ChatRoomType.WORKSPACE, "ws-shared");
        await chat.PostAsync(room.GetProperty("Room").GetProperty("Uuid").GetString()!, "hello");
        Assert.Equal("hello", ChatTestClient.Text(Assert.Single(await chat.MessagesAsync(1))));
    }
}
