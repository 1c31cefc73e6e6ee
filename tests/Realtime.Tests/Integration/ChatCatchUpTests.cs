using Realtime.Messages.Chat;
using Realtime.Tests.Infrastructure;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>Chat catch-up (PROTOCOL 7.2): JOIN with <c>After</c> on real sockets and the default SQLite journal.</summary>
[Collection("gateway")]
public sealed class ChatCatchUpTests
{
    [Fact]
    public async Task A_member_back_after_30_posts_gets_exactly_those_then_the_live_posts() =>
        await ChatCatchUpScenario.RunAsync(restartWhileAway: false);

    [Fact]
    public async Task A_member_back_after_a_gateway_restart_is_caught_up_from_the_sqlite_journal() =>
        await ChatCatchUpScenario.RunAsync(restartWhileAway: true);

    [Fact]
    public async Task More_missed_than_max_catch_up_sends_the_newest_then_may_have_more_that_history_continues()
    {
        await using var gateway = await TestGateway.StartAsync(Settings(("Realtime:Chat:MaxCatchUp", "10")), Json);
        var name = $"busy-{Guid.NewGuid():N}";
        var room = Uuid(ChatRoomType.GLOBAL, name);
        await using var alice = await ConnectAsync(gateway, "alice", Team);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
        for (var i = 0; i < 26; i++)
            await alice.PostAsync(room, $"m{i}");
        var posted = await alice.MessagesAsync(26);

        await using var bob = await ConnectAsync(gateway, "bob", Team);
        await bob.JoinAfterAsync(ChatRoomType.GLOBAL, name, posted[0].GetProperty("Uuid").GetString()!);
        await bob.ExpectAsync("ROOM_UPDATE");
        for (var i = 16; i < 26; i++)
            Assert.Equal(posted[i].GetRawText(), (await bob.ExpectAsync("")).GetRawText());
        var more = await bob.ExpectAsync("MAY_HAVE_MORE");
        Assert.Equal((room, 10, 10), (more.GetProperty("RoomUuid").GetString(), more.GetProperty("Offset").GetInt32(), more.GetProperty("Limit").GetInt32()));
        Assert.Equal(long.Parse(posted[16].GetProperty("Timestamp").GetString()!), more.GetProperty("Timestamp").GetInt64());

        // HISTORY from there goes on with the older ones; bob is a member and gets live posts.
        await bob.HistoryAsync(ChatRoomType.GLOBAL, name, 10, 10);
        await bob.ExpectAsync("ROOM_UPDATE");
        for (var i = 6; i < 16; i++)
            Assert.Equal(posted[i].GetRawText(), (await bob.ExpectAsync("")).GetRawText());
        await bob.ExpectAsync("MAY_HAVE_MORE");
        await alice.PostAsync(room, "live");
        Assert.Equal("live", Text(await bob.NextAsync()));
    }

    [Fact]
    public async Task A_last_seen_message_deleted_while_away_still_marks_where_the_catch_up_starts()
    {
        await using var gateway = await TestGateway.StartAsync(Settings(), Json);
        var name = $"deleted-{Guid.NewGuid():N}";
        var room = Uuid(ChatRoomType.GLOBAL, name);
        await using var alice = await ConnectAsync(gateway, "alice", Team);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
        await alice.PostAsync(room, "seen");
        var seen = (await alice.ExpectAsync("")).GetProperty("Uuid").GetString()!;
        await alice.DeleteAsync(room, seen);
        await alice.ExpectAsync("DELETE_MSG");
        await alice.PostAsync(room, "missed");
        var missed = (await alice.ExpectAsync("")).GetRawText();

        await using var bob = await ConnectAsync(gateway, "bob", Team);
        await bob.JoinAfterAsync(ChatRoomType.GLOBAL, name, seen);
        await bob.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(seen, (await bob.ExpectAsync("DELETE_MSG")).GetProperty("Message").GetProperty("Uuid").GetString());
        Assert.Equal(missed, (await bob.ExpectAsync("")).GetRawText());
    }

    [Fact]
    public async Task An_unknown_message_gets_an_error_and_a_plain_join()
    {
        await using var gateway = await TestGateway.StartAsync(Settings(), Json);
        var name = $"unknown-{Guid.NewGuid():N}";
        await using var alice = await ConnectAsync(gateway, "alice", Team);
        await alice.JoinAfterAsync(ChatRoomType.GLOBAL, name, Guid.NewGuid().ToString());
        Assert.Equal(["alice"], Users(await alice.ExpectAsync("ROOM_UPDATE")));
        Assert.Equal("unknown message", await alice.ExpectErrorAsync());
        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, name), "joined all the same");
        Assert.Equal("joined all the same", Text(await alice.ExpectAsync("")));
    }
}

/// <summary>The catch-up across a restart with <c>Realtime:Journal:Provider=postgresql</c>; fails (never skips) without REALTIME_TEST_POSTGRES.</summary>
[Collection("postgres")]
public sealed class ChatPostgresCatchUpTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_member_back_after_a_gateway_restart_is_caught_up_from_the_postgresql_journal() =>
        await ChatCatchUpScenario.RunAsync(true,
            ("Realtime:Journal:Provider", "postgresql"),
            ("Realtime:Journal:ConnectionString", await postgres.CreateDatabaseAsync("chat_catch_up")));
}
