using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>A socket joins (or, with <see cref="IsHeartbeat"/>, refreshes its presence in) a room; authorization is checked before.</summary>
public sealed record JoinRoom(
    string EntityId,
    ChatRoomType Type,
    string RoomTypeObject,
    string RoomLabel,
    string Login,
    IActorRef Session,
    bool IsHeartbeat) : IChatRoomCommand;
