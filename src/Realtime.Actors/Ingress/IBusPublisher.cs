using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>Puts validated events on the one bus every node's router consumes.</summary>
public interface IBusPublisher
{
    Task PublishAsync(IReadOnlyList<IngestedEvent> events, CancellationToken cancellationToken);
}
