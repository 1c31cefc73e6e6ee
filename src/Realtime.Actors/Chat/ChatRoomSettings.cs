using Realtime.Messages.Settings;

namespace Realtime.Actors.Chat;

/// <summary>Tuning of a chat room entity; defaults follow PROTOCOL 6.</summary>
public sealed record ChatRoomSettings
{
    /// <summary>A socket that sends no JOIN (or JOIN+PING) for this long leaves the room.</summary>
    public TimeSpan PresenceTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A room with no member for this long stops (it recovers from the journal on its next message).</summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Save a snapshot after this many events.</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>Delete older snapshots once a new one is saved.</summary>
    public bool DeleteOldSnapshots { get; init; } = true;

    /// <summary>Texts of this many newest messages stay in memory; older pages are read from the journal.</summary>
    public int RecentInMemory { get; init; } = 500;

    /// <summary>Most missed messages a JOIN with <c>After</c> replays (PROTOCOL 7.2); also the recent journal events kept in memory for it.</summary>
    public int MaxCatchUp { get; init; } = 100;

    /// <summary>Most events written in one journal round trip.</summary>
    public int MaxBatch { get; init; } = 100;

    /// <summary>Akka.Persistence.Query plugin used to read old history pages.</summary>
    public string ReadJournalPluginId { get; init; } = "akka.persistence.query.journal.sql";

    /// <summary>Throws with a readable message when a value cannot work.</summary>
    public ChatRoomSettings Validate()
    {
        // The values come from Realtime:Chat (ChatOptions), so the errors name those settings.
        new OptionRules("Realtime:Chat")
            .Positive(nameof(PresenceTimeout), PresenceTimeout)
            .Positive(nameof(PassivateAfter), PassivateAfter)
            .AtLeast(nameof(SnapshotEvery), SnapshotEvery, 1)
            .AtLeast(nameof(RecentInMemory), RecentInMemory, 1)
            .AtLeast(nameof(MaxCatchUp), MaxCatchUp, 1)
            .AtLeast(nameof(MaxBatch), MaxBatch, 1)
            .Check(!string.IsNullOrWhiteSpace(ReadJournalPluginId), $"{nameof(ChatRoomSettings)}.{nameof(ReadJournalPluginId)} must be set")
            .ThrowIfAny();
        return this;
    }
}
