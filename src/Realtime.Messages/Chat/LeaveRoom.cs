using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>A socket leaves a room; the login leaves presence when it was its last socket.</summary>
public sealed record LeaveRoom(string EntityId, string Login, IActorRef Session) : IChatRoomCommand;
