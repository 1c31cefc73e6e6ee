using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>Deletes a message; allowed to its stored author or to an admin.</summary>
public sealed record DeleteMessage(
    string EntityId,
    string Login,
    bool IsAdmin,
    string MessageUuid,
    IActorRef Session) : IChatRoomCommand;
