namespace Realtime.Messages.Chat;

/// <summary>A room as clients see it (PROTOCOL 6); <see cref="Users"/> is the presence list (logins).</summary>
public sealed record ChatRoom(
    string Uuid,
    ChatRoomType Type,
    string RoomTypeObject,
    string RoomLabel,
    IReadOnlyList<string> Users,
    long LastUpdated) : IChatSerializable;
