using Akka.Actor;

namespace Realtime.Messages.Chat;

/// <summary>Asks for a page of history: skip the <see cref="Offset"/> newest messages, then up to <see cref="Limit"/> older ones.</summary>
public sealed record GetHistory(string EntityId, int Offset, int Limit, IActorRef Requester) : IChatRoomCommand
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 200;
}
