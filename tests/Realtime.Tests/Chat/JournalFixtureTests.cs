using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realtime.Actors.Chat;
using Realtime.App.Hosting;
using Realtime.Messages.Chat;
using Realtime.Messages.Serialization;
using static Realtime.Tests.Chat.ChatScenarios;

namespace Realtime.Tests.Chat;

/// <summary>
/// A SQLite journal written by an earlier build is committed under Fixtures/: today's code must recover it
/// exactly, so a refactor of a message type or a manifest cannot silently lose old rooms.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalFixtureTests
{
    private const string FixtureName = "chat-journal-v1";
    private const string SnapshotRoom = "NODE:fixture-node";
    private const string ReplayRoom = "WORKSPACE:ws-fixture";

    // The node room snapshots at event 5, then replays an edit, a post and a delete; RecentInMemory 1
    // makes old texts come from the journal rows.
    private static readonly ChatRoomSettings Rooms = new() { SnapshotEvery = 5, RecentInMemory = 1 };

    [Fact]
    public async Task Rooms_recover_from_the_committed_journal()
    {
        var expected = ReadExpected(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName + ".expected.json"));
        var copy = Path.Combine(Path.GetTempPath(), $"{FixtureName}-{Guid.NewGuid():N}.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName + ".db"), copy);
        try
        {
            await AssertRecoversAsync(copy, expected);
        }
        finally
        {
            TestJournals.DeleteSqlite(copy);
        }
    }

    [Fact]
    public void The_committed_journal_holds_only_chat_serializer_rows() =>
        Assert.Equal([(7401L, "cr1"), (7401L, "md1"), (7401L, "me1"), (7401L, "mp1")],
            Manifests(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName + ".db")));

    /// <summary>
    /// The generator of the committed fixture, run by every build: today's code writes the same scenario into a
    /// temp journal, which must recover to what was written, with the texts and authors of the committed
    /// fixture and the same row manifests. With REALTIME_WRITE_FIXTURES=1 it also replaces the committed files.
    /// </summary>
    [Fact]
    public async Task The_fixture_generator_writes_a_journal_that_recovers_like_the_committed_one()
    {
        var directory = Directory.CreateTempSubdirectory("realtime-fixture-").FullName;
        var db = Path.Combine(directory, FixtureName + ".db");
        try
        {
            var expected = await WriteFixtureAsync(db);
            await AssertRecoversAsync(db, expected);

            var committed = ReadExpected(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName + ".expected.json"));
            Assert.Equal(Shape(committed), Shape(expected));
            Assert.Equal(Manifests(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName + ".db")), Manifests(db));

            if (Environment.GetEnvironmentVariable("REALTIME_WRITE_FIXTURES") == "1")
            {
                var target = Path.Combine(SourceDirectory(), "..", "Fixtures");
                File.Copy(db, Path.Combine(target, FixtureName + ".db"), overwrite: true);
                File.WriteAllText(Path.Combine(target, FixtureName + ".expected.json"),
                    JsonSerializer.Serialize(expected, new JsonSerializerOptions { WriteIndented = true }));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes the fixture scenario into a fresh SQLite journal; returns each room's live messages, oldest first.</summary>
    private static async Task<Dictionary<string, List<ChatMessage>>> WriteFixtureAsync(string db)
    {
        var expected = new Dictionary<string, List<ChatMessage>>();
        await using (var node = await ChatTestNode.StartAsync(Journal(db), Rooms))
        {
            var alice = node.Probe();
            var bob = node.Probe();
            RoomIdentity.TryParse(SnapshotRoom, out var type, out var roomTypeObject);
            node.Region.Tell(new JoinRoom(SnapshotRoom, type, roomTypeObject, "Fixture node", "alice", alice.Ref, false), Akka.Actor.ActorRefs.NoSender);
            alice.ExpectMsg<RoomUpdated>(Wait);
            Join(node.Region, SnapshotRoom, "bob", bob);
            alice.ExpectMsg<RoomUpdated>(Wait);
            var a = PostMany(node.Region, SnapshotRoom, "alice", alice, 3, "alice ");
            bob.ReceiveN(3, Wait);
            var b = PostMany(node.Region, SnapshotRoom, "bob", bob, 1, "bob ");
            alice.ReceiveN(1, Wait);
            node.Region.Tell(new PostMessage(SnapshotRoom, "alice", a[1].Uuid, "alice 1 (edited)", alice.Ref), Akka.Actor.ActorRefs.NoSender);
            var edited = alice.ExpectMsg<MessagePublished>(Wait).Message;
            bob.ReceiveN(1, Wait);
            var b2 = PostMany(node.Region, SnapshotRoom, "bob", bob, 1, "bob é ✓ ")[0];
            node.Region.Tell(new DeleteMessage(SnapshotRoom, "alice", false, a[2].Uuid, alice.Ref), Akka.Actor.ActorRefs.NoSender);
            bob.ExpectMsg<MessageRemoved>(Wait);
            expected[SnapshotRoom] = [a[0], edited, b[0], b2];

            var carol = node.Probe();
            Join(node.Region, ReplayRoom, "carol", carol);
            expected[ReplayRoom] = [.. PostMany(node.Region, ReplayRoom, "carol", carol, 2, "carol ")];
        }

        // The node has stopped: the journal file is complete and released.
        SqliteConnection.ClearAllPools();
        return expected;
    }

    private static async Task AssertRecoversAsync(string db, Dictionary<string, List<ChatMessage>> expected)
    {
        await using var node = await ChatTestNode.StartAsync(Journal(db), Rooms);
        var probe = node.Probe();
        foreach (var (room, messages) in expected)
        {
            var page = History(node.Region, room, 0, 200, probe);
            Assert.Equal(messages, page.Messages);
            Assert.Equal(RoomIdentity.RoomUuid(room), page.Room.Uuid);
            Assert.False(page.MayHaveMore);
        }

        Assert.Equal("Fixture node", History(node.Region, SnapshotRoom, 0, 1, probe).Room.RoomLabel);
        Assert.IsType<ChatSerializer>(node.System.Serialization.FindSerializerFor(new MessageDeleted("m", "a", 1)));
        Assert.Equal(1, node.System.Settings.Config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    private static Dictionary<string, List<ChatMessage>> ReadExpected(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, List<ChatMessage>>>(File.ReadAllText(path))!;

    // What does not depend on the run: rooms, texts and authors in order (not Uuids or timestamps).
    private static List<string> Shape(Dictionary<string, List<ChatMessage>> rooms) =>
        rooms.OrderBy(r => r.Key, StringComparer.Ordinal)
            .SelectMany(r => r.Value.Select(m => $"{r.Key}|{m.RoomUuid}|{m.Author}|{m.Message}"))
            .ToList();

    private static List<(long, string)> Manifests(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT identifier, manifest FROM journal ORDER BY manifest";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    private static ChatJournalSettings Journal(string path) =>
        new() { Provider = ChatJournalSettings.Sqlite, ConnectionString = $"Data Source={path}" };

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
