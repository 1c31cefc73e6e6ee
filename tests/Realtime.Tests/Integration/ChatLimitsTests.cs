using System.Diagnostics;
using Realtime.Messages.Chat;
using Realtime.Tests.Infrastructure;
using static Realtime.Tests.Integration.ChatTestClient;
using static Realtime.Tests.Integration.ChatTestDirectory;

namespace Realtime.Tests.Integration;

/// <summary>
/// The chat socket's admission and abuse limits (PROTOCOL 6, "Limits"), each at its boundary: at the limit accepted,
/// one past refused with an error frame, the socket open and everything else undisturbed.
/// </summary>
[Collection("gateway")]
public sealed class ChatLimitsTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await TestGateway.StartAsync(
            Settings(
                ("Realtime:Chat:MaxRoomsPerSocket", "3"),
                ("Realtime:Chat:MaxRoomObjectBytes", "20"),
                ("Realtime:Chat:MaxRoomLabelBytes", "10"),
                ("Realtime:Chat:GlobalRoomCreatorRoles", "role-team"),
                ("Realtime:Chat:GlobalRooms:0", "lobby"),
                ("Realtime:Chat:GlobalRooms:1", "help"),
                ("Realtime:Chat:MaxHistoryPerSecond", "1"),
                ("Realtime:Chat:HistoryBurst", "2")),
            Json);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_socket_joins_at_most_MaxRoomsPerSocket_rooms_and_a_leave_frees_a_slot()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        var rooms = Enumerable.Range(0, 4).Select(i => $"r{i}-{Guid.NewGuid():N}"[..12]).ToArray();
        for (var i = 0; i < 3; i++)
            await alice.JoinedAsync(ChatRoomType.GLOBAL, rooms[i]);

        await alice.JoinAsync(ChatRoomType.GLOBAL, rooms[3]);
        Assert.Equal("too many rooms joined on this socket: at most 3, LEAVE one first", await alice.ExpectErrorAsync());

        // Joined rooms keep working: a re-JOIN answers, a heartbeat is taken, a POST goes through.
        await alice.JoinedAsync(ChatRoomType.GLOBAL, rooms[0]);
        await alice.HeartbeatAsync(ChatRoomType.GLOBAL, rooms[1]);
        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, rooms[2]), "still here");
        Assert.Equal("still here", Text(await alice.ExpectAsync("")));

        await alice.LeaveAsync(ChatRoomType.GLOBAL, rooms[0]);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, rooms[3]);
        await alice.JoinAsync(ChatRoomType.GLOBAL, rooms[0]);
        Assert.Equal("too many rooms joined on this socket: at most 3, LEAVE one first", await alice.ExpectErrorAsync());

        // The limit is per socket: another socket of the same user has its own.
        await using var again = await ConnectAsync(_gateway, "alice", Team);
        await again.JoinedAsync(ChatRoomType.GLOBAL, rooms[0]);
    }

    [Fact]
    public async Task Room_names_and_labels_are_bounded_in_utf8_bytes()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        var atLimit = "é" + Guid.NewGuid().ToString("N")[..18]; // 2 + 18 = 20 bytes, 19 characters
        await alice.JoinedAsync(ChatRoomType.GLOBAL, atLimit);

        await alice.JoinAsync(ChatRoomType.GLOBAL, atLimit + "x");
        Assert.Equal("Room.RoomTypeObject is too long: at most 20 bytes", await alice.ExpectErrorAsync());
        await alice.HistoryAsync(ChatRoomType.GLOBAL, "é" + atLimit, 0, 10);
        Assert.Equal("Room.RoomTypeObject is too long: at most 20 bytes", await alice.ExpectErrorAsync());

        var labelled = $"l-{Guid.NewGuid():N}"[..12];
        await alice.JoinAsync(ChatRoomType.GLOBAL, labelled, "ééééé!");
        Assert.Equal("Room.RoomLabel is too long: at most 10 bytes", await alice.ExpectErrorAsync());
        Assert.Equal("ééééé", (await alice.JoinedAsync(ChatRoomType.GLOBAL, labelled, "ééééé")).GetProperty("Room").GetProperty("RoomLabel").GetString());

        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, atLimit), "in the long-named room");
        Assert.Equal("in the long-named room", Text(await alice.ExpectAsync("")));
    }

    [Fact]
    public async Task Only_creator_roles_and_admins_create_global_rooms_while_anyone_joins_an_existing_or_well_known_one()
    {
        var name = $"g-{Guid.NewGuid():N}"[..14];
        await using var reader = await ConnectAsync(_gateway, "rita", Reader);
        await reader.JoinAsync(ChatRoomType.GLOBAL, name);
        Assert.Equal($"GLOBAL room '{name}' does not exist and you may not create it", await reader.ExpectErrorAsync());
        // Not joined: a POST there is refused; the socket is open and well-known rooms are anyone's.
        await reader.PostAsync(Uuid(ChatRoomType.GLOBAL, name), "hello?");
        Assert.Equal($"unknown room {Uuid(ChatRoomType.GLOBAL, name)}: join it by Type and RoomTypeObject first", await reader.ExpectErrorAsync());
        await reader.JoinedAsync(ChatRoomType.GLOBAL, "help");
        await reader.JoinedAsync(ChatRoomType.GLOBAL, "lobby");

        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
        Assert.Equal(["alice", "rita"], Users(await reader.JoinedAsync(ChatRoomType.GLOBAL, name)).Order());

        await using var admin = await ConnectAsync(_gateway, "root", Other, profile: "admin");
        var adminsRoom = $"a-{Guid.NewGuid():N}"[..14];
        await admin.JoinedAsync(ChatRoomType.GLOBAL, adminsRoom);
        await using var other = await ConnectAsync(_gateway, "olga", Other);
        await other.JoinedAsync(ChatRoomType.GLOBAL, adminsRoom);
        await other.JoinAsync(ChatRoomType.GLOBAL, name + "2");
        Assert.Equal($"GLOBAL room '{name}2' does not exist and you may not create it", await other.ExpectErrorAsync());
    }

    [Fact]
    public async Task History_beyond_its_rate_gets_an_error_frame_and_other_frames_go_on()
    {
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        var name = $"h-{Guid.NewGuid():N}"[..14];
        await alice.JoinedAsync(ChatRoomType.GLOBAL, name);
        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, name), "one");
        await alice.ExpectAsync("");

        // Burst 2, then 1 per second: four back to back leave the last two refused.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 4; i++)
            await alice.HistoryAsync(ChatRoomType.GLOBAL, name, 0, 10);
        await alice.PostAsync(Uuid(ChatRoomType.GLOBAL, name), "two");
        for (var i = 0; i < 2; i++)
        {
            await alice.ExpectAsync("ROOM_UPDATE");
            Assert.Equal("one", Text(await alice.ExpectAsync("")));
        }
        for (var i = 0; i < 2; i++)
            Assert.Equal("too many history requests: at most 1 per second", await alice.ExpectErrorAsync());
        Assert.Equal("two", Text(await alice.ExpectAsync("")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the four HISTORY frames took {clock.Elapsed}: a token came back meanwhile");

        // A second later a token is back.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await alice.HistoryAsync(ChatRoomType.GLOBAL, name, 0, 10);
        await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal(["one", "two"], (await alice.MessagesAsync(2)).Select(Text));
    }

    [Fact]
    public async Task A_user_rooms_label_is_its_sorted_logins_whatever_each_joiner_sends()
    {
        var carol = $"c{Guid.NewGuid():N}"[..7]; // room names stay within this gateway's 20 bytes
        await using var alice = await ConnectAsync(_gateway, "alice", Team);
        await using var bob = await ConnectAsync(_gateway, "bob", Team);
        var forAlice = (await alice.JoinedAsync(ChatRoomType.USER, $"bob, alice,{carol}", "my label")).GetProperty("Room");
        var forBob = (await bob.JoinedAsync(ChatRoomType.USER, $"{carol},alice,bob", "Bob's")).GetProperty("Room");

        Assert.Equal($"alice, bob, {carol}", forAlice.GetProperty("RoomLabel").GetString());
        Assert.Equal($"alice, bob, {carol}", forBob.GetProperty("RoomLabel").GetString());
        Assert.Equal($"bob, alice,{carol}", forAlice.GetProperty("RoomTypeObject").GetString());
    }
}

/// <summary>
/// The room name limit against the real PostgreSQL journal: a WORKSPACE room named with the largest
/// <c>Chat:MaxRoomObjectBytes</c> allowed has a journal key of exactly 255 characters (the length Akka.Persistence.Sql
/// declares for <c>persistence_id</c>) and is stored; one byte more is refused at once, before any room or journal sees it.
/// </summary>
[Collection("postgres")]
public sealed class ChatPostgresRoomNameLimitTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_room_name_at_the_ceiling_is_stored_and_one_byte_more_is_refused_at_once()
    {
        var ceiling = Realtime.App.Options.ChatOptions.RoomObjectBytesCeiling;
        var workspace = $"ws-{Guid.NewGuid():N}".PadRight(ceiling, 'w');
        var directory = $$"""
        {
          "Workspaces": [ { "UUID": "{{workspace}}", "Slug": "long", "RootNodes": { "n-long": { "Uuid": "n-long", "Path": "ds/long" } } } ],
          "Acls": [
            { "ID": "l1", "RoleID": "role-long", "WorkspaceID": "{{workspace}}", "NodeID": "n-long", "Action": { "Name": "read", "Value": "1" } },
            { "ID": "l2", "RoleID": "role-long", "WorkspaceID": "{{workspace}}", "NodeID": "n-long", "Action": { "Name": "write", "Value": "1" } }
          ]
        }
        """;
        var database = await postgres.CreateDatabaseAsync("chat_room_name_limit");
        await using var gateway = await TestGateway.StartAsync(
            Settings(
                ("Realtime:Journal:Provider", "postgresql"),
                ("Realtime:Journal:ConnectionString", database),
                ("Realtime:Chat:MaxRoomObjectBytes", ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            directory);
        await using var alice = await ConnectAsync(gateway, "alice", ["role-long"]);

        await alice.JoinedAsync(ChatRoomType.WORKSPACE, workspace);
        await alice.PostAsync(Uuid(ChatRoomType.WORKSPACE, workspace), "fits");
        Assert.Equal("fits", Text(await alice.ExpectAsync("")));
        await alice.HistoryAsync(ChatRoomType.WORKSPACE, workspace, 0, 10);
        await alice.ExpectAsync("ROOM_UPDATE");
        Assert.Equal("fits", Text(await alice.ExpectAsync("")));

        await using (var connection = new Npgsql.NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var stored = new Npgsql.NpgsqlCommand("SELECT max(length(persistence_id)), count(*) FROM journal", connection);
            await using var reader = await stored.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((255, 2L), (reader.GetInt32(0), reader.GetInt64(1))); // RoomCreated and the post
        }

        var clock = Stopwatch.StartNew();
        await alice.JoinAsync(ChatRoomType.WORKSPACE, workspace + "w");
        Assert.Equal($"Room.RoomTypeObject is too long: at most {ceiling} bytes", await alice.ExpectErrorAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the refusal took {clock.Elapsed}");
        await alice.PostAsync(Uuid(ChatRoomType.WORKSPACE, workspace), "still open");
        Assert.Equal("still open", Text(await alice.ExpectAsync("")));
    }
}
