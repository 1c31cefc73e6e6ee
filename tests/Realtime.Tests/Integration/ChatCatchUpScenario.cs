using Microsoft.Data.Sqlite;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// A member away while 30 messages are posted (and one older message edited, one new one deleted) joins again with
/// <c>After</c> its last message, while posts keep arriving: it gets exactly what it missed, as the live frames,
/// then the live posts, none twice and none lost (PROTOCOL 7.2). Run on a live room (memory) and across a gateway
/// restart with frequent snapshots (journal), on SQLite and PostgreSQL.
/// </summary>
public static class ChatCatchUpScenario
{
    public static async Task RunAsync(bool restartWhileAway, params (string Key, string? Value)[] journal)
    {
        var data = Directory.CreateTempSubdirectory("realtime-chat-catchup-").FullName;
        var settings = Settings([.. journal, ("Realtime:Chat:SnapshotEvery", "7")]);
        var name = $"catch-up-{Guid.NewGuid():N}";
        var room = Uuid(ChatRoomType.GLOBAL, name);
        var gateway = await TestGateway.StartAsync(settings, Json, data);
        try
        {
            await using var alice = await ConnectAsync(gateway, "alice", Team);
            await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
            string lastSeen, edited;
            await using (var bob = await ConnectAsync(gateway, "bob", Team))
            {
                await bob.JoinedAsync(ChatRoomType.GLOBAL, name);
                for (var i = 0; i < 3; i++)
                    await alice.PostAsync(room, $"seen {i}");
                var seen = await bob.MessagesAsync(3);
                await alice.MessagesAsync(3);
                (edited, lastSeen) = (seen[0].GetProperty("Uuid").GetString()!, seen[2].GetProperty("Uuid").GetString()!);
            }

            // Away: 30 posts, an edit of a message bob had, a deletion of one he missed.
            var expected = new List<string>();
            for (var i = 0; i < 30; i++)
                await alice.PostAsync(room, $"missed {i}");
            var missed = (await alice.MessagesAsync(30)).Select(m => m.GetRawText()).ToList();
            expected.AddRange(missed);
            await alice.PostAsync(room, "seen 0, edited", uuid: edited);
            expected.Add((await alice.MessagesAsync(1))[0].GetRawText());
            var deleted = missed[5];
            await alice.DeleteAsync(room, System.Text.Json.JsonDocument.Parse(deleted).RootElement.GetProperty("Uuid").GetString()!);
            expected.Add($"DELETE_MSG {(await alice.ExpectAsync("DELETE_MSG")).GetProperty("Message").GetProperty("Uuid").GetString()}");

            if (restartWhileAway)
            {
                await alice.DisposeAsync();
                await gateway.DisposeAsync();
                SqliteConnection.ClearAllPools();
                gateway = await TestGateway.StartAsync(settings, Json, data);
            }

            await using var poster = await ConnectAsync(gateway, "carol", Team);
            await poster.JoinedAsync(ChatRoomType.GLOBAL, name);
            await using var back = await ConnectAsync(gateway, "bob", Team);
            // Live posts race the catch-up: they must follow it, each once, in order.
            var live = Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                    await poster.PostAsync(room, $"live {i}");
            });
            await back.JoinAfterAsync(ChatRoomType.GLOBAL, name, lastSeen);
            var update = await back.ExpectAsync("ROOM_UPDATE");
            Assert.Equal("GLOBAL", update.GetProperty("Room").GetProperty("Type").GetString());
            await live;

            var received = new List<string>();
            while (received.Count < expected.Count + 20)
            {
                var frame = await back.NextAsync();
                received.Add(TypeOf(frame) switch
                {
                    "" => frame.GetRawText(),
                    "DELETE_MSG" => $"DELETE_MSG {frame.GetProperty("Message").GetProperty("Uuid").GetString()}",
                    _ => throw new Xunit.Sdk.XunitException($"unexpected frame {frame.GetRawText()}"),
                });
            }
            Assert.Equal(expected, received.Take(expected.Count));
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"live {i}"), received.Skip(expected.Count).Select(r => Text(System.Text.Json.JsonDocument.Parse(r).RootElement)));
            await back.Socket.ExpectNothingAsync(TimeSpan.FromMilliseconds(300));
        }
        finally
        {
            await gateway.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
