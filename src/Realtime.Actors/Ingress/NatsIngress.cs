using Akka.Actor;
using Akka.Event;
using NATS.Client.Core;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Ingress;

/// <summary>
/// Consumes every bus subject on this node (no queue group: each node needs every event) and hands the raw
/// events to the local router, which validates and routes them. While the router is behind, the pump waits and
/// events wait in the subscription's bounded channel (<c>Nats:PendingMessages</c>); what NATS drops beyond it
/// is counted and logged.
/// </summary>
public sealed class NatsIngress(INatsConnection connection, IActorRef router, RouterBacklog backlog, RoutingCounters counters, ILoggingAdapter log)
{
    /// <summary>Subscribes to all subjects; returns once the subscriptions exist, then pumps until cancelled.</summary>
    public async Task<Task> StartAsync(CancellationToken cancellationToken)
    {
        connection.MessageDropped += (_, dropped) =>
        {
            if (BusTopics.TryParse(dropped.Subject, out var topic))
                counters.Dropped(topic);
            log.Warning("NATS dropped an event of {0}: the router is behind and {1} events are pending", dropped.Subject, dropped.Pending);
            return ValueTask.CompletedTask;
        };
        var pumps = new List<Task>();
        foreach (var topic in BusTopics.All)
        {
            var subscription = await connection.SubscribeCoreAsync<byte[]>(topic.Subject(), cancellationToken: cancellationToken).ConfigureAwait(false);
            pumps.Add(PumpAsync(topic, subscription, cancellationToken));
        }
        return Task.WhenAll(pumps);
    }

    private async Task PumpAsync(BusTopic topic, INatsSub<byte[]> subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Data is not { Length: > 0 } data)
                    continue;
                await backlog.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
                router.Tell(new BusEvent(topic, data));
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            log.Error(e, "NATS subscription to {0} ended", topic.Subject());
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }
}
