using Akka.Actor;

namespace Realtime.Actors.Sessions;

public sealed class UserSocketCountsProvider : ExtensionIdProvider<UserSocketCounts>
{
    public override UserSocketCounts CreateExtension(ExtendedActorSystem system) => new();
}
