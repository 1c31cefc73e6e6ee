using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>
/// Posts a message; when <see cref="MessageUuid"/> names an existing message of the same author it edits it,
/// a message of another author is refused, any other value is ignored (the server assigns the Uuid).
/// </summary>
public sealed record PostMessage(
    string EntityId,
    string Login,
    string? MessageUuid,
    string Text,
    IActorRef Session) : IChatRoomCommand;
