using Realtime.Actors.Chat;
using Realtime.Messages.Chat;
using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>Chat rooms and chat sockets (<c>Realtime:Chat</c>, PROTOCOL 6).</summary>
public sealed class ChatOptions
{
    /// <summary>Largest <c>Message.Message</c> of a POST, in UTF-8 bytes (the whole frame is also bound by <c>Sockets:MaxFrameBytes</c>).</summary>
    public int MaxChatMessageBytes { get; set; } = 8 * 1024;

    /// <summary>A socket that sends no JOIN (or JOIN+PING) for this long leaves the room's presence.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A room saves a snapshot after this many journal events.</summary>
    public int SnapshotEvery { get; set; } = 1000;

    /// <summary>Texts of this many newest messages per room stay in memory; older pages are read from the journal.</summary>
    public int RecentInMemory { get; set; } = 500;

    /// <summary>A room with no member for this long stops until its next command.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most missed messages a JOIN with <c>After</c> replays before it ends with MAY_HAVE_MORE (PROTOCOL 7.2).</summary>
    public int MaxCatchUp { get; set; } = 100;

    /// <summary>Most events a room writes in one journal round trip.</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>A JOIN, HISTORY, POST or DELETE_MSG its room has not answered within this gets an error frame, and the socket's next frame is read.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Number of chat room shards; must be the same on every node of the cluster.</summary>
    public int ShardCount { get; set; } = 100;

    /// <summary>Rooms one socket may have joined at once; a JOIN of one more gets an error frame (LEAVE frees a slot).</summary>
    public int MaxRoomsPerSocket { get; set; } = 100;

    /// <summary>Largest <c>RoomTypeObject</c> in UTF-8 bytes; at most <see cref="RoomObjectBytesCeiling"/>, so the room's journal key fits.</summary>
    public int MaxRoomObjectBytes { get; set; } = 200;

    /// <summary>Largest <c>RoomLabel</c> of a JOIN in UTF-8 bytes (USER rooms' labels are the server's).</summary>
    public int MaxRoomLabelBytes { get; set; } = 200;

    /// <summary>Roles (uuids) whose users may create GLOBAL rooms; users with the <c>admin</c> profile always may.</summary>
    public List<string> GlobalRoomCreatorRoles { get; set; } = [];

    /// <summary>
    /// GLOBAL rooms any user may join (and so create); unset means <c>lobby</c> (the demo page's room), an empty value
    /// (<c>Realtime__Chat__GlobalRooms=</c>) none.
    /// </summary>
    public List<string>? GlobalRooms { get; set; }

    /// <summary>HISTORY frames one socket may send per second on average; beyond, an error frame.</summary>
    public int MaxHistoryPerSecond { get; set; } = 5;

    /// <summary>HISTORY frames one socket may send in a burst before <see cref="MaxHistoryPerSecond"/> applies.</summary>
    public int HistoryBurst { get; set; } = 10;

    public static readonly IReadOnlyList<string> DefaultGlobalRooms = ["lobby"];

    /// <summary>
    /// A room's journal key is <c>chat-room-&lt;TYPE&gt;:&lt;RoomTypeObject&gt;</c>; Akka.Persistence.Sql declares
    /// <c>persistence_id</c> 255 characters long (<c>NVarChar(255)</c> in the SQLite tables it creates, <c>varchar(255)</c>
    /// in schemas made beforehand; the PostgreSQL tables it creates hold <c>text</c>, but their unique btree index
    /// refuses keys over about 2.7 KB, so a longer name could never be stored). 255 minus the longest prefix: a UTF-8
    /// byte count is never below the character count, so a name within it always fits.
    /// </summary>
    public static int RoomObjectBytesCeiling { get; } = JournalPersistenceIdLength
        - Enum.GetValues<ChatRoomType>().Max(type => ChatRoomActor.PersistenceIdFor(RoomIdentity.EntityId(type, "")).Length);

    private const int JournalPersistenceIdLength = 255;

    public ChatRoomSettings ToRoomSettings() => new()
    {
        PresenceTimeout = PresenceTimeout,
        PassivateAfter = PassivateAfter,
        SnapshotEvery = SnapshotEvery,
        RecentInMemory = RecentInMemory,
        MaxBatch = MaxBatch,
        MaxCatchUp = MaxCatchUp,
    };

    public ChatSessionSettings ToSessionSettings() => new()
    {
        MaxChatMessageBytes = MaxChatMessageBytes,
        AnswerTimeout = AnswerTimeout,
        MaxRoomsPerSocket = MaxRoomsPerSocket,
        MaxRoomObjectBytes = MaxRoomObjectBytes,
        MaxRoomLabelBytes = MaxRoomLabelBytes,
        GlobalRoomCreatorRoles = GlobalRoomCreatorRoles.ToHashSet(StringComparer.Ordinal),
        GlobalRooms = (GlobalRooms ?? DefaultGlobalRooms).ToHashSet(StringComparer.Ordinal),
        MaxHistoryPerSecond = MaxHistoryPerSecond,
        HistoryBurst = HistoryBurst,
    };

    public IEnumerable<string> Validate()
    {
        var rules = new OptionRules("Realtime:Chat");
        return rules
            .AtLeast(nameof(MaxChatMessageBytes), MaxChatMessageBytes, 1)
            .Positive(nameof(PresenceTimeout), PresenceTimeout)
            .AtLeast(nameof(SnapshotEvery), SnapshotEvery, 1)
            .AtLeast(nameof(RecentInMemory), RecentInMemory, 1)
            .Positive(nameof(PassivateAfter), PassivateAfter)
            .AtLeast(nameof(MaxBatch), MaxBatch, 1)
            .AtLeast(nameof(MaxCatchUp), MaxCatchUp, 1)
            .Positive(nameof(AnswerTimeout), AnswerTimeout)
            .AtLeast(nameof(ShardCount), ShardCount, 1)
            .AtLeast(nameof(MaxRoomsPerSocket), MaxRoomsPerSocket, 1)
            .Check(MaxRoomObjectBytes >= 1 && MaxRoomObjectBytes <= RoomObjectBytesCeiling,
                $"{rules.Name(nameof(MaxRoomObjectBytes))} must be 1..{RoomObjectBytesCeiling}, got {MaxRoomObjectBytes} (a room's journal key, chat-room-<TYPE>:<RoomTypeObject>, must fit the journal's 255-character persistence_id)")
            .AtLeast(nameof(MaxRoomLabelBytes), MaxRoomLabelBytes, 1)
            .AtLeast(nameof(MaxHistoryPerSecond), MaxHistoryPerSecond, 1)
            .AtLeast(nameof(HistoryBurst), HistoryBurst, 1)
            .Errors;
    }
}
