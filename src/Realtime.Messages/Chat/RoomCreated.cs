namespace Realtime.Messages.Chat;

/// <summary>Journal event: the room came to exist on its first join.</summary>
public sealed record RoomCreated(
    string Uuid,
    ChatRoomType Type,
    string RoomTypeObject,
    string RoomLabel,
    long CreatedAt) : IChatSerializable;
