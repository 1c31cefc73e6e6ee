using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Access;
using Realtime.Actors.Ingress;
using Realtime.Actors.Recovery;
using Realtime.Actors.Auth;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>
/// One per node: the node's single entry for bus events and sessions, and the ordered half of routing. Every event
/// read advances the node's <see cref="StreamHead"/>, is kept in the <see cref="RecoveryLog"/> (v2 sessions,
/// PROTOCOL 7, get each frame with its position, uncoalesced, and can resume after a cursor), updates the
/// <see cref="AccessDirectory"/> and goes through the coalescer, once. The per-session half runs in
/// <c>Routing:Partitions</c> <see cref="RouterPartition"/> children, each owning the sessions that hash to it:
/// the router tells each of them every event in stream order (with the immutable <see cref="AccessSnapshot"/> after
/// a directory change) and forwards each session's messages to its partition, so the two orders never cross.
/// </summary>
public sealed class TopicRouter : ReceiveActor, IWithTimers
{
    private const string TickTimer = "coalesce-tick";
    public const string AdminProfile = "admin";
    public const int LogoutCloseCode = 4001;

    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private readonly AccessDirectory _directory;
    private AccessSnapshot _snapshot;
    private readonly NodeEventCoalescer _coalescer;
    private readonly SilentEventLimiter _silent;
    private readonly RoutingCounters _counters;
    private readonly TokenRevocations _revocations;
    private readonly IActorRef[] _partitions;
    private readonly RecoverySettings _recovery;
    private readonly StreamHead _head = new();
    private readonly RecoveryLog _log;
    private readonly DedupeWindow _dedupe;
    private readonly List<PendingRecovery> _pendingRecoveries = [];
    // Events that reach the router without a position (told directly, not through a bus) get one of this router's.
    private readonly string _localOrigin = "r-" + Guid.NewGuid().ToString("N")[..8];
    private long _localSequence;

    public ITimerScheduler Timers { get; set; } = null!;

    public TopicRouter(AccessDirectory directory, RouterSettings settings, RoutingCounters counters, TokenRevocations revocations, RecoverySettings? recovery = null)
    {
        _recovery = recovery ?? RecoverySettings.Default;
        _log = new RecoveryLog(_recovery.MaxEvents, _recovery.MaxAge);
        _dedupe = new DedupeWindow(_recovery.DedupeWindow);
        _directory = directory;
        _snapshot = directory.Snapshot();
        _coalescer = new NodeEventCoalescer(settings.CoalesceQuiet, settings.CoalesceMaxDelay, settings.CoalesceMaxPending);
        _silent = new SilentEventLimiter(settings.SilentPerSecond);
        _counters = counters;
        _revocations = revocations;
        _partitions = Enumerable.Range(0, Math.Max(1, settings.Partitions))
            .Select(i => Context.ActorOf(RouterPartition.Props(_snapshot, counters, _recovery.MaxReplayFrames), PartitionName(i)))
            .ToArray();

        Receive<RegisterSession>(Register);
        Receive<UnregisterSession>(m =>
        {
            _pendingRecoveries.RemoveAll(p => p.Request.Session.Equals(m.Session));
            PartitionOf(m.Session).Forward(m);
        });
        Receive<WatchLogout>(m => PartitionOf(m.Session).Forward(m));
        Receive<ResolveAccess>(m => Sender.Tell(new AccessAnswer(_snapshot.AccessFor(m.Roles), m.NodeUuid is { } n ? _directory.PathOf(n) : null)));
        Receive<BusEvent>(m => Route(m, null));
        Receive<Ingress.IngestedEvent>(m => Route(m.Event, m.Parsed));
        Receive<StreamOrigin>(m =>
        {
            _head.Seed(m.Origin);
            _log.Note(new StreamPosition(m.Origin, m.FirstSequence)); // everything of it from there on will be here
        });
        Receive<ReplaceDirectory>(m => Reevaluate(_directory.ReplaceWith(m.Snapshot)));
        Receive<CoalesceTick>(_ =>
        {
            var now = DateTime.UtcNow;
            DeliverNodeEvents(null, _coalescer.Due(now));
            _silent.Sweep(now);
            _log.Trim(Environment.TickCount64);
            ResolvePendingRecoveries();
            _counters.CoalescerPending = _coalescer.Pending;
            _counters.IndexedNodes = _directory.IndexedNodes;
            _counters.RecoveryLogEntries = _log.Count;
        });
    }

    public static Props Props(AccessDirectory directory, RouterSettings settings, RoutingCounters counters, TokenRevocations revocations, RecoverySettings? recovery = null) =>
        Akka.Actor.Props.Create(() => new TopicRouter(directory, settings, counters, revocations, recovery));

    /// <summary>The name of the router's partition <paramref name="index"/> (a child of it).</summary>
    public static string PartitionName(int index) => $"partition-{index}";

    protected override void PreStart()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_coalescer.Enabled ? 100 : 1000, 10, 1000));
        Timers.StartPeriodicTimer(TickTimer, CoalesceTick.Instance, tick);
    }

    private IActorRef PartitionOf(IActorRef session) => _partitions[RouterPartition.IndexOf(session, _partitions.Length)];

    private void Broadcast(object message)
    {
        foreach (var partition in _partitions)
            partition.Tell(message);
    }

    private void Register(RegisterSession message)
    {
        _pendingRecoveries.RemoveAll(p => p.Request.Session.Equals(message.Session));
        if (message.Version < 2)
        {
            PartitionOf(message.Session).Forward(message);
            return;
        }
        Sender.Tell(new SessionRegistered(_snapshot.AccessFor(message.Identity.Roles)));
        // The previous registration ends here, as a v1 one would, even while the recovery waits.
        PartitionOf(message.Session).Tell(new UnregisterSession(message.Session));
        var cursor = StreamCursor.Parse(message.Recover);
        // A cursor from a node that has read further than this one: wait (briefly) until this node has read as far.
        if (cursor is not null && !_head.HasReached(cursor) && cursor.Sequences.Keys.All(o => _head[o] > 0))
            _pendingRecoveries.Add(new PendingRecovery(message, cursor, Environment.TickCount64 + (long)RecoverySettings.CatchUpWait.TotalMilliseconds));
        else
            RegisterRecovering(message, cursor);
    }

    /// <summary>
    /// A v2 subscribe at this point of the stream: its partition queues <c>subscribed</c> with the position, then what was
    /// missed after the cursor (the log's entries up to here), then every event the router tells it after this.
    /// </summary>
    private void RegisterRecovering(RegisterSession message, StreamCursor? cursor)
    {
        var missed = message.Recover is not null && cursor is not null && _head.HasReached(cursor) ? _log.After(cursor, IsLiveOrigin) : null;
        PartitionOf(message.Session).Tell(new RouterPartition.Resume(message, _head.Cursor, missed));
    }

    /// <summary>Whether an origin is the publisher of a cluster member that is up now (without NATS, <see cref="MemberOrigin"/>).</summary>
    private bool IsLiveOrigin(string origin) =>
        Akka.Cluster.Cluster.Get(Context.System).State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && MemberOrigin.Of(m.UniqueAddress) == origin);

    private void ResolvePendingRecoveries()
    {
        if (_pendingRecoveries.Count == 0)
            return;
        var now = Environment.TickCount64;
        foreach (var pending in _pendingRecoveries.Where(p => _head.HasReached(p.Cursor) || now >= p.Deadline).ToList())
        {
            _pendingRecoveries.Remove(pending);
            RegisterRecovering(pending.Request, pending.Cursor);
        }
    }

    /// <summary>Routes one bus event; <paramref name="parsed"/> is what it parsed to when this node's ingest parsed it already.</summary>
    private void Route(BusEvent message, object? parsed)
    {
        var position = message.Position ?? new StreamPosition(_localOrigin, ++_localSequence);
        if (!_head.Advance(position))
            return; // read already (a redelivery)
        var now = Environment.TickCount64;
        try
        {
            if (message.DedupeId is { } id && !_dedupe.TryAdd(id, now))
            {
                _log.Note(position);
                return;
            }
            parsed ??= BusEventParser.Parse(message.Topic, message.Json);
        }
        catch (FormatException e)
        {
            _log.Note(position);
            _counters.Dropped(message.Topic);
            _logger.Warning("Dropped a bad {0} event: {1}", message.Topic.ShortName(), e.Message);
            return;
        }
        var entry = new RecoveryEntry(position, _head.Cursor, parsed, now)
        {
            AcceptedAt = message.AcceptedAt != 0 ? message.AcceptedAt : System.Diagnostics.Stopwatch.GetTimestamp(),
        };
        _counters.Ingested(message.Topic);
        switch (parsed)
        {
            case NodeChangeEvent node:
                OfferNodeEvent(node, entry);
                break;
            case TaskChangeEvent:
                _log.Append(entry, now);
                Broadcast(new RouterPartition.LiveEvent(entry, new SharedFrames<string>(), null, DirectoryChange.Nothing));
                _counters.Routed(BusTopic.Task);
                break;
            case IdmChangeEvent idm:
                _log.Append(entry, now);
                RouteIdm(idm, entry);
                break;
            case ActivityEvent activity:
                _log.Append(entry, now);
                if (RouterPartition.IsDelivered(activity))
                {
                    Broadcast(new RouterPartition.LiveEvent(entry, new SharedFrames<string>(), null, DirectoryChange.Nothing));
                    _counters.Routed(BusTopic.Activity);
                }
                break;
        }
        ResolvePendingRecoveries();
    }

    private void OfferNodeEvent(NodeChangeEvent change, RecoveryEntry entry)
    {
        if (change.Type == NodeEventType.READ)
        {
            _log.Note(entry.Position);
            return;
        }
        var now = DateTime.UtcNow;
        var subject = change.Target ?? change.Source;
        if (change.Silent && subject is not null && !_silent.Allow(subject.Uuid, now))
        {
            _log.Note(entry.Position);
            _counters.Dropped(BusTopic.Tree);
            return;
        }
        // Silent events are capped by time on each node, so a replay could not tell which ones went out: not kept.
        if (change.Silent)
            _log.Note(entry.Position);
        else
            _log.Append(entry, entry.ReceivedAtTicks);
        // The index follows the bus at once: chat NODE rooms must see a node before its coalesced frame goes out,
        // and a deny ACL on a node whose path is new or moved must hide the new sub-tree before this event routes.
        var moved = _directory.Track(change);
        if (moved.Count > 0)
            Reevaluate(new DirectoryChange(moved, null));
        DeliverNodeEvents(entry, _coalescer.Offer(change, now));
        _counters.CoalescerPending = _coalescer.Pending;
    }

    /// <summary>One message per partition: the event for v2 sessions (when it is one), and what the coalescer let out for v1 ones.</summary>
    private void DeliverNodeEvents(RecoveryEntry? live, IReadOnlyList<NodeChangeEvent> coalesced)
    {
        if (live is null && coalesced.Count == 0)
            return;
        Broadcast(new RouterPartition.NodeEvents(live, coalesced.Select(c => new RouterPartition.CoalescedNodeEvent(c)).ToArray()));
        for (var i = 0; i < coalesced.Count; i++)
            _counters.Routed(BusTopic.Tree);
    }

    private void RouteIdm(IdmChangeEvent change, RecoveryEntry entry)
    {
        var directoryChange = _directory.Apply(change);
        AccessSnapshot? snapshot = null;
        if (!directoryChange.IsEmpty)
            _snapshot = snapshot = _directory.Snapshot();
        if (change.Type == IdmEventType.LOGOUT && change.User is { } loggedOut)
            _revocations.Revoke(loggedOut.Login, loggedOut.Uuid);
        Broadcast(new RouterPartition.LiveEvent(entry, new SharedFrames<string>(), snapshot, directoryChange));
        _counters.Routed(BusTopic.Idm);
    }

    /// <summary>A new snapshot after a directory change; every partition re-evaluates the sessions it can affect.</summary>
    private void Reevaluate(DirectoryChange change)
    {
        _snapshot = _directory.Snapshot();
        Broadcast(new RouterPartition.AccessChanged(_snapshot, change));
    }

    private sealed record PendingRecovery(RegisterSession Request, StreamCursor Cursor, long Deadline);

    private sealed class CoalesceTick
    {
        public static readonly CoalesceTick Instance = new();
    }
}
