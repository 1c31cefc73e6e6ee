using Akka.Actor;

namespace Realtime.Actors.Metrics;

public sealed class RealtimeCountersProvider : ExtensionIdProvider<RealtimeCounters>
{
    public override RealtimeCounters CreateExtension(ExtendedActorSystem system) => new();
}
