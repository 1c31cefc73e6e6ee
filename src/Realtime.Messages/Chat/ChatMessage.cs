namespace Realtime.Messages.Chat;

/// <summary>One chat message; <see cref="Timestamp"/> is unix seconds set by the server.</summary>
public sealed record ChatMessage(
    string Uuid,
    string RoomUuid,
    string Message,
    string Author,
    long Timestamp) : IChatSerializable;
