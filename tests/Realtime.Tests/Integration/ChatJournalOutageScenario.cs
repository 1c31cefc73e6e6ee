using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Realtime.Messages.Chat;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// The chat journal goes away under a live room (its <c>journal</c> table renamed: every write and read fails at
/// once) and comes back. Every frame sent meanwhile is answered with an error frame within
/// <c>Chat:AnswerTimeout</c>, nothing unsaved is echoed, and a member who does nothing keeps receiving posts
/// once the journal is back. Shared by SQLite and PostgreSQL.
/// </summary>
public static class ChatJournalOutageScenario
{
    // Long enough that a slow, busy machine still sees the room's own refusal first, not the session's timeout.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    /// <param name="journal">The journal settings of the gateway.</param>
    /// <param name="executeOnJournal">Runs one SQL statement on the journal's database, beside the gateway.</param>
    public static async Task RunAsync((string Key, string? Value)[] journal, Func<TestGateway, string, Task> executeOnJournal)
    {
        var data = Directory.CreateTempSubdirectory("realtime-chat-outage-").FullName;
        var settings = Settings([.. journal, ("Realtime:Chat:AnswerTimeout", AnswerTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await using (var gateway = await TestGateway.StartAsync(settings, Json, data))
        {
            var name = $"outage-{Guid.NewGuid():N}";
            var room = Uuid(ChatRoomType.GLOBAL, name);
            await using var alice = await ConnectAsync(gateway, "alice", Team);
            await using var bob = await ConnectAsync(gateway, "bob", Team);
            await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
            await bob.JoinedAsync(ChatRoomType.GLOBAL, name);
            await alice.PostAsync(room, "before");
            Assert.Equal("before", Text(await alice.NextAsync()));
            Assert.Equal("before", Text(await bob.NextAsync()));

            await executeOnJournal(gateway, "ALTER TABLE journal RENAME TO journal_away");
            var clock = Stopwatch.StartNew();
            await alice.PostAsync(room, "lost");
            Assert.Contains("not saved", await alice.ExpectErrorAsync());
            // The room stopped; the next POST and a newcomer's JOIN meet a room that cannot recover: answered, not hung.
            await alice.PostAsync(room, "lost again");
            Assert.Contains("unavailable", await alice.ExpectErrorAsync());
            await using var carol = await ConnectAsync(gateway, "carol", Team);
            await carol.JoinAsync(ChatRoomType.GLOBAL, name);
            Assert.Contains("unavailable", await carol.ExpectErrorAsync());
            Assert.True(clock.Elapsed < AnswerTimeout, $"the room's own answers took {clock.Elapsed}");

            await executeOnJournal(gateway, "ALTER TABLE journal_away RENAME TO journal");
            // bob does nothing: his session rejoins the room once it is back (within the journal circuit breaker's
            // 30 s reset should the outage's failed recoveries have opened it).
            var rejoined = await bob.Socket.ReceiveJsonAsync(TimeSpan.FromSeconds(45));
            Assert.Equal("ROOM_UPDATE", TypeOf(rejoined));
            await PostUntilSavedAsync(alice, room, "after");
            Assert.Equal("after", Text(await bob.NextAsync()));

            // carol's JOIN failed, so she is not in the room: she rejoins by hand, as her error told her.
            await carol.PostAsync(room, "am I in?");
            Assert.Contains("unknown room", await carol.ExpectErrorAsync());
            await carol.HistoryAsync(ChatRoomType.GLOBAL, name, 0, 10);
            await carol.ExpectAsync("ROOM_UPDATE");
            Assert.Equal(["before", "after"], [Text(await carol.ExpectAsync("")), Text(await carol.ExpectAsync(""))]);
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    /// <summary>
    /// Posts until the room saves the post, as a client told "try again" does: right after the journal is back, a post
    /// can still reach a room that began recovering during the outage and is refused as unavailable (nothing saved).
    /// </summary>
    private static async Task PostUntilSavedAsync(ChatTestClient client, string room, string text)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await client.PostAsync(room, text);
            var answer = await client.NextAsync();
            if (TypeOf(answer) != "error")
            {
                Assert.Equal(text, Text(answer));
                return;
            }
            Assert.Contains("try again", answer.GetProperty("error").GetString());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the room still refused posts {clock.Elapsed} after the journal came back");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
