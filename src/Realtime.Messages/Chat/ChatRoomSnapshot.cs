namespace Realtime.Messages.Chat;

/// <summary>
/// Snapshot of a room: its creation and an index of every live message in journal order. Only recent or
/// edited entries carry their text; older texts are read from the journal when a history page needs them.
/// </summary>
public sealed record ChatRoomSnapshot(RoomCreated? Room, long LastUpdated, IReadOnlyList<ChatSnapshotEntry> Entries) : IChatSerializable;
