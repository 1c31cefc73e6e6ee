using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>
/// A socket joins (or, with <see cref="IsHeartbeat"/>, refreshes its presence in) a room; authorization is checked
/// before. With <see cref="After"/> (a message Uuid) the joiner is answered with a <see cref="CatchUpReplay"/> of
/// what came after that message (PROTOCOL 7.2). Without <see cref="MayCreate"/> the JOIN is refused when the room
/// does not exist yet (a GLOBAL room and a user who may not create one).
/// </summary>
public sealed record JoinRoom(
    string EntityId,
    ChatRoomType Type,
    string RoomTypeObject,
    string RoomLabel,
    string Login,
    IActorRef Session,
    bool IsHeartbeat,
    string? After = null,
    bool MayCreate = true) : IChatRoomCommand;
