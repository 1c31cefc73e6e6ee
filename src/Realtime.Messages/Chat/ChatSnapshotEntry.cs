namespace Realtime.Messages.Chat;

/// <summary>One live message of a <see cref="ChatRoomSnapshot"/>: where it was posted, by whom, and its text when kept in memory.</summary>
public sealed record ChatSnapshotEntry(long SequenceNr, string Uuid, string Author, long Timestamp, string? Text, bool Edited);
