using Akka.Actor;
using Akka.Cluster;
using Prometheus;
using Realtime.App.Hosting;
using Realtime.Actors.Auth;
using Realtime.Actors.Metrics;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;

namespace Realtime.App.Endpoints;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format. Each node has its own registry (several nodes can share a
/// process in tests); the collectors are refreshed from the node's counters just before every scrape. Besides the
/// gateway's own series, <see cref="RuntimeMetrics"/> (GC, thread pool, CPU, memory). docs/DESIGN.md "Metrics" lists them all.
/// </summary>
public static class MetricsEndpoint
{
    public static void MapMetrics(this WebApplication app)
    {
        var system = app.Services.GetRequiredService<ActorSystem>();
        var routing = app.Services.GetRequiredService<RoutingCounters>();
        var directoryState = app.Services.GetRequiredService<DirectoryState>();
        var refusalLog = app.Services.GetRequiredService<RefusalLoggingValidator>();
        var jwks = app.Services.GetService<JwksKeySource>();
        var counters = RealtimeCounters.For(system);
        var registry = counters.Registry;
        var factory = Metrics.WithCustomRegistry(registry);
        RuntimeMetrics.Register(registry);

        var openSockets = factory.CreateGauge("realtime_open_sockets", "Open WebSockets by endpoint.", "endpoint");
        var subscribes = factory.CreateCounter("realtime_subscribes_total", "Subscribe frames by result.", "result");
        var closes = factory.CreateCounter("realtime_socket_closes_total", "Closed sockets by close code.", "code");
        var framesIn = factory.CreateCounter("realtime_frames_in_total", "Text frames received from clients.");
        var framesOut = factory.CreateCounter("realtime_frames_out_total", "Text frames sent to clients.");
        var ingested = factory.CreateCounter("realtime_events_ingested_total", "Bus events accepted by this node's router.", "topic");
        var routed = factory.CreateCounter("realtime_events_routed_total", "Bus events routed by this node's router.", "topic");
        var dropped = factory.CreateCounter("realtime_events_dropped_total", "Bus events dropped (invalid or over the silent cap).", "topic");
        var queueBytes = factory.CreateGauge("realtime_outbound_queue_bytes", "Bytes waiting in the outbound queues of this node's sockets.");
        var pending = factory.CreateGauge("realtime_coalescer_pending", "Node events waiting in the coalescer.");
        var indexedNodes = factory.CreateGauge("realtime_indexed_nodes", "Nodes in the router's node index (bounded by Routing:MaxRecentNodes beyond the snapshot's and ACL'd ones).");
        var sessions = factory.CreateGauge("realtime_routed_sessions", "Subscribed event sessions on this node.");
        var chatPosts = factory.CreateCounter("realtime_chat_posts_total", "Chat posts persisted by rooms on this node.");
        var directoryLoaded = factory.CreateGauge("realtime_directory_loaded", "1 once the access directory snapshot is loaded.");
        var directoryFailures = factory.CreateCounter("realtime_directory_refresh_failures_total", "Directory snapshots that could not be read or were not valid (the last good one was kept).");
        var recoveryEntries = factory.CreateGauge("realtime_recovery_log_entries", "Events this node keeps for clients that resume (Recovery:MaxEvents).");
        var recoveries = factory.CreateCounter("realtime_recoveries_total", "v2 subscribes with a cursor, by outcome.", "recovered");
        var members = factory.CreateGauge("realtime_cluster_members", "Cluster members by status, as this node sees them.", "status");
        var roomsLive = factory.CreateGauge("realtime_chat_rooms_live", "Chat rooms running on this node (each passivates after Chat:PassivateAfter without members).");
        var refusals = factory.CreateCounter("realtime_token_refusals_total", "Tokens refused, by reason.", "reason");
        var jwksFailures = factory.CreateCounter("realtime_jwks_refresh_failures_total", "JWKS loads that failed (the keys loaded before stayed in use); 0 without a JWKS source.");

        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var (endpoint, open) in counters.OpenSockets)
                openSockets.WithLabels(endpoint).Set(open);
            subscribes.WithLabels("ok").IncTo(counters.SubscribesOk);
            subscribes.WithLabels("failed").IncTo(counters.SubscribesFailed);
            foreach (var (code, count) in counters.Closes)
                closes.WithLabels(code.ToString(System.Globalization.CultureInfo.InvariantCulture)).IncTo(count);
            framesIn.IncTo(counters.FramesIn);
            framesOut.IncTo(counters.FramesOut);
            foreach (var topic in BusTopics.All)
            {
                ingested.WithLabels(topic.ShortName()).IncTo(routing.IngestedCount(topic));
                routed.WithLabels(topic.ShortName()).IncTo(routing.RoutedCount(topic));
                dropped.WithLabels(topic.ShortName()).IncTo(routing.DroppedCount(topic));
            }
            queueBytes.Set(counters.OutboundQueueBytes);
            pending.Set(routing.CoalescerPending);
            indexedNodes.Set(routing.IndexedNodes);
            sessions.Set(routing.Sessions);
            chatPosts.IncTo(counters.ChatPosts);
            roomsLive.Set(counters.ChatRoomsLive);
            var byStatus = Cluster.Get(system).State.Members.GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count());
            foreach (var status in Enum.GetValues<MemberStatus>())
                members.WithLabels(status.ToString()).Set(byStatus.GetValueOrDefault(status));
            directoryLoaded.Set(directoryState.IsLoaded ? 1 : 0);
            directoryFailures.IncTo(directoryState.Failures);
            recoveryEntries.Set(routing.RecoveryLogEntries);
            recoveries.WithLabels("true").IncTo(routing.RecoveredCount);
            recoveries.WithLabels("false").IncTo(routing.NotRecoveredCount);
            foreach (var (reason, count) in refusalLog.Counts)
                refusals.WithLabels(RefusalLoggingValidator.Label(reason)).IncTo(count);
            jwksFailures.IncTo(jwks?.Failures ?? 0);
        });

        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
    }
}
