using Microsoft.Data.Sqlite;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// NODE rooms of nodes the gateway never saw (PROTOCOL 6): resolved through <c>Directory:NodeLookupUrl</c>, a
/// small HTTP lookup on 127.0.0.1, before and after a gateway restart; rights follow the path it answers.
/// </summary>
[Collection("gateway")]
public sealed class ChatNodeLookupTests
{
    [Fact]
    public async Task A_node_only_the_lookup_knows_can_be_chatted_about_before_and_after_a_restart()
    {
        await using var lookup = NodeLookupServer.Start();
        lookup.Add("n-far", "ds/team/far/report.txt");
        lookup.Break("n-broken");
        var data = Directory.CreateTempSubdirectory("realtime-chat-lookup-").FullName;
        var settings = Settings(("Realtime:Directory:NodeLookupUrl", lookup.Url));
        var room = Uuid(ChatRoomType.NODE, "n-far");
        string posted;
        await using (var gateway = await TestGateway.StartAsync(settings, Json, data))
        {
            await using var alice = await ConnectAsync(gateway, "alice", Team);
            await alice.JoinedAsync(ChatRoomType.NODE, "n-far", "report.txt");
            await alice.PostAsync(room, "found it");
            posted = (await alice.ExpectAsync("")).GetRawText();

            // The path decides: a reader joins read-only, a user of another workspace does not see it.
            await using var carol = await ConnectAsync(gateway, "carol", Reader);
            await carol.JoinedAsync(ChatRoomType.NODE, "n-far");
            await carol.PostAsync(room, "may I?");
            Assert.Contains("read-only", await carol.ExpectErrorAsync());
            await using var dave = await ConnectAsync(gateway, "dave", Other);
            await dave.JoinAsync(ChatRoomType.NODE, "n-far");
            Assert.Contains("n-far", await dave.ExpectErrorAsync());
            Assert.Equal(1, lookup.RequestsFor("n-far"));

            await alice.JoinAsync(ChatRoomType.NODE, "n-nowhere");
            Assert.Contains("n-nowhere", await alice.ExpectErrorAsync());
            await alice.JoinAsync(ChatRoomType.NODE, "n-broken");
            Assert.Contains("n-broken could not be looked up", await alice.ExpectErrorAsync());
        }
        SqliteConnection.ClearAllPools();

        await using (var gateway = await TestGateway.StartAsync(settings, Json, data))
        {
            await using var alice = await ConnectAsync(gateway, "alice", Team);
            await alice.JoinedAsync(ChatRoomType.NODE, "n-far");
            await alice.HistoryAsync(ChatRoomType.NODE, "n-far", 0, 10);
            Assert.Equal("report.txt", (await alice.ExpectAsync("ROOM_UPDATE")).GetProperty("Room").GetProperty("RoomLabel").GetString());
            Assert.Equal(posted, (await alice.ExpectAsync("")).GetRawText());
            await alice.PostAsync(room, "still here");
            Assert.Equal("still here", Text(await alice.ExpectAsync("")));
            Assert.Equal(2, lookup.RequestsFor("n-far"));
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
