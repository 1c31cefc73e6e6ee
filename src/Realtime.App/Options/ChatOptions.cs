using Realtime.Actors.Chat;
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

    public ChatRoomSettings ToRoomSettings() => new()
    {
        PresenceTimeout = PresenceTimeout,
        PassivateAfter = PassivateAfter,
        SnapshotEvery = SnapshotEvery,
        RecentInMemory = RecentInMemory,
        MaxBatch = MaxBatch,
        MaxCatchUp = MaxCatchUp,
    };

    public ChatSessionSettings ToSessionSettings() => new() { MaxChatMessageBytes = MaxChatMessageBytes, AnswerTimeout = AnswerTimeout };

    public IEnumerable<string> Validate() => new OptionRules("Realtime:Chat")
        .AtLeast(nameof(MaxChatMessageBytes), MaxChatMessageBytes, 1)
        .Positive(nameof(PresenceTimeout), PresenceTimeout)
        .AtLeast(nameof(SnapshotEvery), SnapshotEvery, 1)
        .AtLeast(nameof(RecentInMemory), RecentInMemory, 1)
        .Positive(nameof(PassivateAfter), PassivateAfter)
        .AtLeast(nameof(MaxBatch), MaxBatch, 1)
        .AtLeast(nameof(MaxCatchUp), MaxCatchUp, 1)
        .Positive(nameof(AnswerTimeout), AnswerTimeout)
        .AtLeast(nameof(ShardCount), ShardCount, 1)
        .Errors;
}
