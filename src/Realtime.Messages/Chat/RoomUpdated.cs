namespace Realtime.Messages.Chat;

/// <summary>Room state with its presence list, sent to a joiner and to members when presence changed.</summary>
public sealed record RoomUpdated(ChatRoom Room) : IChatSerializable;
