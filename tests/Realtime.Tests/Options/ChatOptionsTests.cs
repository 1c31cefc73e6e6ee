using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.App.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Options;

/// <summary><c>Realtime:Chat</c> and <c>Realtime:Journal</c>: defaults, binding by configuration key, and refusal of bad values.</summary>
public sealed class ChatOptionsTests
{
    private static RealtimeOptions Load(params (string Key, string Value)[] settings) => Load(new ConfigurationBuilder(), settings);

    private static RealtimeOptions Load(IConfigurationBuilder builder, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Realtime:DataDirectory"] = "/var/lib/realtime",
            ["Realtime:Jwt:HmacKeys"] = "options-test-signing-key-0123456789abcdef",
            ["Realtime:Ingest:Keys"] = "options-test-ingest-key",
        };
        foreach (var (key, value) in settings)
            values[key] = value;
        return RealtimeOptions.Load(builder.AddInMemoryCollection(values).Build(), Environments.Development);
    }

    [Fact]
    public void Defaults_follow_the_protocol_and_journal_to_a_sqlite_file_under_the_data_directory()
    {
        var options = Load();

        Assert.Equal(8 * 1024, options.Chat.MaxChatMessageBytes);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Chat.PresenceTimeout);
        Assert.Equal(100, options.Chat.ShardCount);
        Assert.Equal(100, options.Chat.MaxCatchUp);
        var session = options.Chat.ToSessionSettings();
        Assert.Equal((100, 200, 200, 5, 10), (session.MaxRoomsPerSocket, session.MaxRoomObjectBytes, session.MaxRoomLabelBytes, session.MaxHistoryPerSecond, session.HistoryBurst));
        Assert.Equal(["lobby"], session.GlobalRooms);
        Assert.Empty(session.GlobalRoomCreatorRoles);
        var journal = options.Journal.ToSettings(options.DataDirectory);
        Assert.True(journal.IsSqlite);
        Assert.Equal($"Data Source={Path.Combine("/var/lib/realtime", "realtime.db")}", journal.ConnectionString);
    }

    [Fact]
    public void Every_chat_and_journal_setting_binds_from_its_key()
    {
        // Realtime__Chat__MaxChatMessageBytes in the environment is the key Realtime:Chat:MaxChatMessageBytes.
        var options = Load(
            ("Realtime:Chat:MaxChatMessageBytes", "1000"), ("Realtime:Chat:PresenceTimeout", "00:00:05"),
            ("Realtime:Chat:SnapshotEvery", "7"), ("Realtime:Chat:RecentInMemory", "9"),
            ("Realtime:Chat:PassivateAfter", "00:01:00"), ("Realtime:Chat:MaxBatch", "11"), ("Realtime:Chat:ShardCount", "13"),
            ("Realtime:Chat:AnswerTimeout", "3"), ("Realtime:Chat:MaxCatchUp", "17"),
            ("Realtime:Journal:Provider", "PostgreSQL"), ("Realtime:Journal:ConnectionString", "Host=db;Username=rt;Database=rt"));

        var rooms = options.Chat.ToRoomSettings();
        Assert.Equal((1000, TimeSpan.FromSeconds(3)), (options.Chat.ToSessionSettings().MaxChatMessageBytes, options.Chat.ToSessionSettings().AnswerTimeout));
        Assert.Equal((TimeSpan.FromSeconds(5), 7, 9, TimeSpan.FromMinutes(1), 11), (rooms.PresenceTimeout, rooms.SnapshotEvery, rooms.RecentInMemory, rooms.PassivateAfter, rooms.MaxBatch));
        Assert.Equal(13, options.Chat.ShardCount);
        Assert.Equal(17, rooms.MaxCatchUp);
        var journal = options.Journal.ToSettings(options.DataDirectory);
        Assert.Equal((ChatJournalSettings.PostgreSql, "Host=db;Username=rt;Database=rt"), (journal.Provider, journal.ConnectionString));
    }

    [Theory]
    [InlineData("Realtime:Chat:MaxChatMessageBytes", "0", "Realtime:Chat:MaxChatMessageBytes")]
    [InlineData("Realtime:Chat:PresenceTimeout", "00:00:00", "Realtime:Chat:PresenceTimeout")]
    [InlineData("Realtime:Chat:SnapshotEvery", "0", "Realtime:Chat:SnapshotEvery")]
    [InlineData("Realtime:Chat:RecentInMemory", "0", "Realtime:Chat:RecentInMemory")]
    [InlineData("Realtime:Chat:PassivateAfter", "-00:00:01", "Realtime:Chat:PassivateAfter must be positive, got -1 s")]
    [InlineData("Realtime:Chat:MaxBatch", "0", "Realtime:Chat:MaxBatch must be at least 1, got 0")]
    [InlineData("Realtime:Chat:ShardCount", "0", "Realtime:Chat:ShardCount")]
    [InlineData("Realtime:Chat:AnswerTimeout", "0", "Realtime:Chat:AnswerTimeout")]
    [InlineData("Realtime:Chat:MaxCatchUp", "0", "Realtime:Chat:MaxCatchUp")]
    [InlineData("Realtime:Journal:Provider", "mysql", "Realtime:Journal:Provider")]
    [InlineData("Realtime:Journal:Provider", "postgresql", "Realtime:Journal:ConnectionString is required")]
    [InlineData("Realtime:Journal:ConnectionString", "no-equals-sign", "Realtime:Journal:ConnectionString is not a valid")]
    [InlineData("Realtime:Chat:MaxRoomsPerSocket", "0", "Realtime:Chat:MaxRoomsPerSocket")]
    [InlineData("Realtime:Chat:MaxRoomObjectBytes", "0", "Realtime:Chat:MaxRoomObjectBytes")]
    [InlineData("Realtime:Chat:MaxRoomLabelBytes", "0", "Realtime:Chat:MaxRoomLabelBytes")]
    [InlineData("Realtime:Chat:MaxHistoryPerSecond", "0", "Realtime:Chat:MaxHistoryPerSecond")]
    [InlineData("Realtime:Chat:HistoryBurst", "0", "Realtime:Chat:HistoryBurst")]
    public void A_bad_setting_stops_start_up_with_its_name(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsException>(() => Load((key, value)));
        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Chat_limits_and_global_room_lists_bind_from_environment_variables()
    {
        // The environment provider with a prefix of this test's own, so that parallel tests do not see these variables.
        var prefix = $"RTTEST_{Guid.NewGuid():N}_";
        var variables = new Dictionary<string, string>
        {
            ["Realtime__Chat__MaxRoomsPerSocket"] = "3",
            ["Realtime__Chat__MaxRoomObjectBytes"] = "235",
            ["Realtime__Chat__MaxRoomLabelBytes"] = "64",
            ["Realtime__Chat__MaxHistoryPerSecond"] = "2",
            ["Realtime__Chat__HistoryBurst"] = "4",
            ["Realtime__Chat__GlobalRooms__0"] = "lobby",
            ["Realtime__Chat__GlobalRooms__1"] = "help desk",
            ["Realtime__Chat__GlobalRoomCreatorRoles"] = "role-staff,role-moderators",
        };
        try
        {
            foreach (var (name, value) in variables)
                Environment.SetEnvironmentVariable(prefix + name, value);
            var session = Load(new ConfigurationBuilder().AddEnvironmentVariables(prefix)).Chat.ToSessionSettings();

            Assert.Equal((3, 235, 64, 2, 4), (session.MaxRoomsPerSocket, session.MaxRoomObjectBytes, session.MaxRoomLabelBytes, session.MaxHistoryPerSecond, session.HistoryBurst));
            Assert.Equal(["help desk", "lobby"], session.GlobalRooms.Order());
            Assert.Equal(["role-moderators", "role-staff"], session.GlobalRoomCreatorRoles.Order());
        }
        finally
        {
            foreach (var name in variables.Keys)
                Environment.SetEnvironmentVariable(prefix + name, null);
        }
    }

    [Fact]
    public void Global_rooms_given_replace_the_default_and_an_empty_value_means_none()
    {
        Assert.Equal(["general"], Load(("Realtime:Chat:GlobalRooms:0", "general")).Chat.ToSessionSettings().GlobalRooms);
        Assert.Empty(Load(("Realtime:Chat:GlobalRooms", "")).Chat.ToSessionSettings().GlobalRooms);
    }

    [Fact]
    public void The_room_object_ceiling_keeps_the_longest_journal_key_within_255_characters()
    {
        // chat-room-WORKSPACE: is the longest prefix (20 characters).
        Assert.Equal(235, ChatOptions.RoomObjectBytesCeiling);
        Assert.Equal(255, Realtime.Actors.Chat.ChatRoomActor.PersistenceIdFor(
            Realtime.Messages.Chat.RoomIdentity.EntityId(Realtime.Messages.Chat.ChatRoomType.WORKSPACE, new string('w', ChatOptions.RoomObjectBytesCeiling))).Length);
        Assert.Equal(235, Load(("Realtime:Chat:MaxRoomObjectBytes", "235")).Chat.MaxRoomObjectBytes);
        var error = Assert.Throws<OptionsException>(() => Load(("Realtime:Chat:MaxRoomObjectBytes", "236")));
        Assert.Contains(error.Errors, e => e.StartsWith("Realtime:Chat:MaxRoomObjectBytes must be 1..235, got 236", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_stops_start_up()
    {
        var error = Assert.Throws<OptionsException>(() => Load(("Realtime:Chat:ShardCount", "many")));
        Assert.Contains("many", error.Message);
    }
}
