using Microsoft.Data.Sqlite;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// 250 posts over a real chat socket, the gateway stopped and started again on the same journal: the history
/// pages are complete and ordered before and after, and the room keeps going. Shared by SQLite and PostgreSQL.
/// </summary>
public static class ChatRestartScenario
{
    public static async Task RunAsync(params (string Key, string? Value)[] journal)
    {
        var data = Directory.CreateTempSubdirectory("realtime-chat-restart-").FullName;
        var settings = Settings(journal);
        List<string> posted;
        await using (var gateway = await TestGateway.StartAsync(settings, Json, data))
        {
            await using var alice = await ConnectAsync(gateway, "alice", Team);
            await alice.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
            var room = Uuid(ChatRoomType.WORKSPACE, Workspace);
            for (var i = 0; i < 250; i++)
                await alice.PostAsync(room, $"m{i}");
            posted = (await alice.MessagesAsync(250)).Select(m => m.GetRawText()).ToList();
            Assert.Equal(posted, (await alice.AllHistoryAsync(ChatRoomType.WORKSPACE, Workspace, 40, 250)).Select(m => m.GetRawText()));
        }
        // The pooled SQLite connections would keep the file open across the restart.
        SqliteConnection.ClearAllPools();

        await using (var gateway = await TestGateway.StartAsync(settings, Json, data))
        {
            await using var bob = await ConnectAsync(gateway, "bob", Team);
            foreach (var limit in new[] { 40, 200 })
                Assert.Equal(posted, (await bob.AllHistoryAsync(ChatRoomType.WORKSPACE, Workspace, limit, 250)).Select(m => m.GetRawText()));

            await bob.JoinedAsync(ChatRoomType.WORKSPACE, Workspace);
            await bob.PostAsync(Uuid(ChatRoomType.WORKSPACE, Workspace), "after the restart");
            Assert.Equal("after the restart", Text((await bob.MessagesAsync(1))[0]));
            await bob.HistoryAsync(ChatRoomType.WORKSPACE, Workspace, 0, 2);
            await bob.ExpectAsync("ROOM_UPDATE");
            Assert.Equal(posted[^1], (await bob.ExpectAsync("")).GetRawText());
            Assert.Equal("after the restart", Text(await bob.ExpectAsync("")));
            await bob.ExpectAsync("MAY_HAVE_MORE");
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
