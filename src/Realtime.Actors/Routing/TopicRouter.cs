using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Access;
using Realtime.Actors.Ingress;
using Realtime.Actors.Recovery;
using Realtime.Actors.Auth;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Routing;

/// <summary>
/// One per node. Indexes the local sessions and applies PROTOCOL 4.2–4.5 to every bus event. The cost of an
/// event is proportional to the sessions that match it; frames are encoded once per workspace.
/// Every event read advances the node's <see cref="StreamHead"/> and is kept in the <see cref="RecoveryLog"/>:
/// v2 sessions (PROTOCOL 7) get each frame with its position, uncoalesced, and can resume after a cursor.
/// </summary>
public sealed class TopicRouter : ReceiveActor, IWithTimers
{
    private const string TickTimer = "coalesce-tick";
    public const string AdminProfile = "admin";
    public const int LogoutCloseCode = 4001;

    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private readonly AccessDirectory _directory;
    private readonly NodeEventCoalescer _coalescer;
    private readonly SilentEventLimiter _silent;
    private readonly RoutingCounters _counters;
    private readonly TokenRevocations _revocations;
    private readonly Dictionary<IActorRef, RoutedSession> _sessions = new();
    // Node events go to v1 sessions through the coalescer, to v2 sessions at once (their positions stay in order).
    private readonly SessionIndex<RoutedSession> _byWorkspace = new();
    private readonly SessionIndex<RoutedSession> _byWorkspaceV2 = new();
    private readonly SessionIndex<RoutedSession> _byLogin = new();
    private readonly SessionIndex<RoutedSession> _bySubject = new();
    private readonly SessionIndex<RoutedSession> _byRole = new();
    private readonly SessionIndex<RoutedSession> _byProfile = new();
    private readonly Dictionary<string, UserAccess> _accessByRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, WatchLogout> _logoutWatches = new();
    private RootPathIndex _roots;
    private readonly RecoverySettings _recovery;
    private readonly StreamHead _head = new();
    private readonly RecoveryLog _log;
    private readonly DedupeWindow _dedupe;
    private readonly List<PendingRecovery> _pendingRecoveries = [];
    // Events that reach the router without a position (told directly, not through a bus) get one of this router's.
    private readonly string _localOrigin = "r-" + Guid.NewGuid().ToString("N")[..8];
    private long _localSequence;
    // When this node took in the event being routed (Stopwatch timestamp): its frames carry it to the socket writer.
    private long _acceptedAt;

    public ITimerScheduler Timers { get; set; } = null!;

    public TopicRouter(AccessDirectory directory, RouterSettings settings, RoutingCounters counters, TokenRevocations revocations, RecoverySettings? recovery = null)
    {
        _recovery = recovery ?? RecoverySettings.Default;
        _log = new RecoveryLog(_recovery.MaxEvents, _recovery.MaxAge);
        _dedupe = new DedupeWindow(_recovery.DedupeWindow);
        _directory = directory;
        _coalescer = new NodeEventCoalescer(settings.CoalesceQuiet, settings.CoalesceMaxDelay, settings.CoalesceMaxPending);
        _silent = new SilentEventLimiter(settings.SilentPerSecond);
        _counters = counters;
        _revocations = revocations;
        _roots = new RootPathIndex(directory.Workspaces);

        Receive<RegisterSession>(Register);
        Receive<UnregisterSession>(m => Unregister(m.Session));
        Receive<Terminated>(m => Unregister(m.ActorRef));
        Receive<WatchLogout>(m =>
        {
            _logoutWatches[m.Session] = m;
            Context.Watch(m.Session);
        });
        Receive<ResolveAccess>(m => Sender.Tell(new AccessAnswer(AccessFor(m.Roles), m.NodeUuid is { } n ? _directory.PathOf(n) : null)));
        Receive<BusEvent>(Route);
        Receive<StreamOrigin>(m =>
        {
            _head.Seed(m.Origin);
            _log.Note(new StreamPosition(m.Origin, m.FirstSequence)); // everything of it from there on will be here
        });
        Receive<ReplaceDirectory>(m => Reevaluate(_directory.ReplaceWith(m.Snapshot)));
        Receive<CoalesceTick>(_ =>
        {
            _acceptedAt = 0; // coalesced frames waited by design: not measured
            var now = DateTime.UtcNow;
            foreach (var due in _coalescer.Due(now))
                DeliverNodeEvent(due);
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

    protected override void PreStart()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_coalescer.Enabled ? 100 : 1000, 10, 1000));
        Timers.StartPeriodicTimer(TickTimer, CoalesceTick.Instance, tick);
    }

    private void Register(RegisterSession message)
    {
        if (_sessions.ContainsKey(message.Session))
            Unregister(message.Session);
        _pendingRecoveries.RemoveAll(p => p.Request.Session.Equals(message.Session));
        var access = AccessFor(message.Identity.Roles);
        Sender.Tell(new SessionRegistered(access));
        if (message.Version < 2)
        {
            // The acknowledgement goes into the queue before any event can, so it is always the first frame.
            message.Sink.TryEnqueue(EventFrames.Subscribed(message.Identity.Login, access.Workspaces.Keys, message.Identity.ExpiresAt.ToUnixTimeSeconds()));
            Add(new RoutedSession(message.Session, message.Identity, message.Sink, access));
            return;
        }
        var cursor = StreamCursor.Parse(message.Recover);
        // A cursor from a node that has read further than this one: wait (briefly) until this node has read as far.
        if (cursor is not null && !_head.HasReached(cursor) && cursor.Sequences.Keys.All(o => _head[o] > 0))
            _pendingRecoveries.Add(new PendingRecovery(message, cursor, Environment.TickCount64 + (long)RecoverySettings.CatchUpWait.TotalMilliseconds));
        else
            RegisterRecovering(message, cursor);
    }

    /// <summary>A v2 subscribe: <c>subscribed</c> with the position, then what was missed after the cursor (or nothing), then live.</summary>
    private void RegisterRecovering(RegisterSession message, StreamCursor? cursor)
    {
        var session = new RoutedSession(message.Session, message.Identity, message.Sink, AccessFor(message.Identity.Roles), version: 2);
        List<byte[]>? missed = null;
        if (message.Recover is not null && cursor is not null && _head.HasReached(cursor) && _log.After(cursor, IsLiveOrigin) is { } entries)
            missed = ReplayFrames(session, entries);
        bool? recovered = message.Recover is null ? null : missed is not null;
        session.Sink.TryEnqueue(EventFrames.Subscribed(message.Identity.Login, session.Access.Workspaces.Keys, message.Identity.ExpiresAt.ToUnixTimeSeconds(), _head.Cursor, recovered));
        foreach (var frame in missed ?? [])
            session.Sink.TryEnqueue(frame);
        _counters.Recovered(recovered);
        Add(session);
    }

    /// <summary>Whether an origin is the publisher of a cluster member that is up now (without NATS, <see cref="MemberOrigin"/>).</summary>
    private bool IsLiveOrigin(string origin) =>
        Akka.Cluster.Cluster.Get(Context.System).State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && MemberOrigin.Of(m.UniqueAddress) == origin);

    /// <summary>The v2 frames a session is entitled to now for the missed entries; null when more than the replay bound.</summary>
    private List<byte[]>? ReplayFrames(RoutedSession session, IReadOnlyList<RecoveryEntry> entries)
    {
        var frames = new List<byte[]>();
        foreach (var entry in entries)
        {
            foreach (var frame in ReplayFramesOf(session, entry))
            {
                if (frames.Count == _recovery.MaxReplayFrames)
                    return null;
                frames.Add(frame);
            }
        }
        return frames;
    }

    private IEnumerable<byte[]> ReplayFramesOf(RoutedSession session, RecoveryEntry entry)
    {
        var identity = session.Identity;
        switch (entry.Change)
        {
            case NodeChangeEvent node:
                return NodeEventFanOut.FramesFor(node, _roots, session, NodeFrameEncoder(entry, node));
            case TaskChangeEvent task when TaskRecipient(task) is var owner && (owner is null ? identity.Profile == AdminProfile : identity.Login == owner):
                return [entry.Frame("t", () => EventFrames.Task(task))];
            case ActivityEvent activity when IsDelivered(activity) && identity.Login == activity.OwnerId:
                return [entry.Frame("a", () => EventFrames.Activity(activity, ActivityTrimmer.Trim(activity.Activity)))];
            case IdmChangeEvent idm when IsIdmRecipient(idm, session):
                return [entry.Frame("i", () => EventFrames.Idm(idm))];
            default:
                return [];
        }
    }

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

    private void Add(RoutedSession session)
    {
        _sessions[session.Actor] = session;
        Index(session, add: true);
        Context.Watch(session.Actor);
    }

    private void Unregister(IActorRef actor)
    {
        _pendingRecoveries.RemoveAll(p => p.Request.Session.Equals(actor));
        if (_logoutWatches.Remove(actor) && !_sessions.ContainsKey(actor))
            Context.Unwatch(actor);
        if (!_sessions.Remove(actor, out var session))
            return;
        Index(session, add: false);
        Context.Unwatch(actor);
    }

    private void Index(RoutedSession session, bool add)
    {
        var identity = session.Identity;
        Action<SessionIndex<RoutedSession>, string> apply = add ? (i, k) => i.Add(k, session) : (i, k) => i.Remove(k, session);
        foreach (var workspace in session.Access.Workspaces.Keys)
            apply(WorkspaceIndexOf(session), workspace);
        apply(_byLogin, identity.Login);
        apply(_bySubject, identity.Subject);
        apply(_byProfile, identity.Profile);
        foreach (var role in identity.Roles)
            apply(_byRole, role);
        _counters.Sessions = _sessions.Count;
    }

    private UserAccess AccessFor(IReadOnlyList<string> roles)
    {
        var key = string.Join('\n', roles);
        if (!_accessByRoles.TryGetValue(key, out var access))
            _accessByRoles[key] = access = AccessResolver.Resolve(_directory, roles);
        return access;
    }

    private SessionIndex<RoutedSession> WorkspaceIndexOf(RoutedSession session) => session.Version >= 2 ? _byWorkspaceV2 : _byWorkspace;

    private void Route(BusEvent message)
    {
        _acceptedAt = message.AcceptedAt != 0 ? message.AcceptedAt : System.Diagnostics.Stopwatch.GetTimestamp();
        var position = message.Position ?? new StreamPosition(_localOrigin, ++_localSequence);
        if (!_head.Advance(position))
            return; // read already (a redelivery)
        var now = Environment.TickCount64;
        object parsed;
        try
        {
            if (message.DedupeId is { } id && !_dedupe.TryAdd(id, now))
            {
                _log.Note(position);
                return;
            }
            parsed = BusEventParser.Parse(message.Topic, message.Json);
        }
        catch (FormatException e)
        {
            _log.Note(position);
            _counters.Dropped(message.Topic);
            _logger.Warning("Dropped a bad {0} event: {1}", message.Topic.ShortName(), e.Message);
            return;
        }
        var entry = new RecoveryEntry(position, _head.Cursor, parsed, now);
        _counters.Ingested(message.Topic);
        switch (parsed)
        {
            case NodeChangeEvent node:
                OfferNodeEvent(node, entry);
                break;
            case TaskChangeEvent task:
                _log.Append(entry, now);
                RouteTask(task, entry);
                break;
            case IdmChangeEvent idm:
                _log.Append(entry, now);
                RouteIdm(idm, entry);
                break;
            case ActivityEvent activity:
                _log.Append(entry, now);
                RouteActivity(activity, entry);
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
        // Most nodes serve v1 sockets only: no second look-up of the event's workspaces for nobody.
        if (!_byWorkspaceV2.IsEmpty)
            NodeEventFanOut.Deliver(change, _roots, _byWorkspaceV2, Send, NodeFrameEncoder(entry, change));
        foreach (var ready in _coalescer.Offer(change, now))
            DeliverNodeEvent(ready);
        _counters.CoalescerPending = _coalescer.Pending;
    }

    /// <summary>v2 node frames of one event: built once per workspace and rule outcome, shared by live and replay.</summary>
    private static Func<Workspace, NodeFrameKey, byte[]> NodeFrameEncoder(RecoveryEntry entry, NodeChangeEvent change) =>
        (workspace, key) => entry.Frame($"n|{workspace.UUID}|{key.Type}|{key.SourceRoot?.Uuid}|{key.TargetRoot?.Uuid}", () => NodeEventRules.Encode(change, workspace, key));

    private void DeliverNodeEvent(NodeChangeEvent change)
    {
        NodeEventFanOut.Deliver(change, _roots, _byWorkspace, Send);
        _counters.Routed(BusTopic.Tree);
    }

    private static string? TaskRecipient(TaskChangeEvent change) =>
        change.TaskUpdated.TriggerOwner is var owner && owner == TaskChangeEvent.SystemUser ? null : owner;

    private void RouteTask(TaskChangeEvent change, RecoveryEntry entry)
    {
        var recipients = TaskRecipient(change) is { } owner ? _byLogin[owner] : _byProfile[AdminProfile];
        SendToAll(recipients, entry, "t", () => EventFrames.Task(change));
        _counters.Routed(BusTopic.Task);
    }

    private void RouteIdm(IdmChangeEvent change, RecoveryEntry entry)
    {
        var workspaceBefore = change.Workspace is { } ws ? _byWorkspace[ws.UUID].Concat(_byWorkspaceV2[ws.UUID]).ToList() : [];
        var directoryChange = _directory.Apply(change);
        if (!directoryChange.IsEmpty)
            Reevaluate(directoryChange);

        IReadOnlyCollection<RoutedSession> recipients;
        if (change.Acl is { RoleID.Length: > 0 } acl && IsAccessAcl(acl))
            recipients = _byRole[acl.RoleID];
        else if (change.RoleUuid is { Length: > 0 } role)
            recipients = _byRole[role];
        else if (change.User is { Login.Length: > 0 } user)
            recipients = _byLogin[user.Login];
        else if (change.User is { Uuid.Length: > 0 } userBySubject)
            recipients = _bySubject[userBySubject.Uuid];
        else if (change.Workspace is { } workspace)
            recipients = workspaceBefore.Union(_byWorkspace[workspace.UUID]).Union(_byWorkspaceV2[workspace.UUID]).ToList();
        else
            recipients = [];

        var snapshot = recipients.ToList();
        SendToAll(snapshot, entry, "i", () => EventFrames.Idm(change));
        if (change.Type == IdmEventType.LOGOUT && change.User is { } loggedOut)
        {
            _revocations.Revoke(loggedOut.Login, loggedOut.Uuid);
            foreach (var session in snapshot)
                session.Sink.Close(LogoutCloseCode, "logged out");
            // Chat sockets of the user get no idm frame, but close all the same.
            foreach (var watch in _logoutWatches.Values.Where(w => (loggedOut.Login.Length > 0 && w.Login == loggedOut.Login) || (loggedOut.Login.Length == 0 && w.Subject == loggedOut.Uuid)).ToList())
            {
                watch.Sink.TryEnqueue(EventFrames.Error("logged out"));
                watch.Sink.Close(LogoutCloseCode, "logged out");
            }
        }
        _counters.Routed(BusTopic.Idm);
    }

    /// <summary>Recomputes access for the sessions a directory change can affect and moves them between workspace indexes.</summary>
    private void Reevaluate(DirectoryChange change)
    {
        _accessByRoles.Clear();
        _roots = new RootPathIndex(_directory.Workspaces);
        // What the change can affect: sessions of the roles it touched, and those that saw the workspace.
        var inWorkspace = change.WorkspaceId is { } ws ? _byWorkspace[ws].Concat(_byWorkspaceV2[ws]) : [];
        var affected = change.Roles.SelectMany(r => _byRole[r]).Concat(inWorkspace).Distinct().ToList();
        foreach (var session in affected)
        {
            var index = WorkspaceIndexOf(session);
            foreach (var workspace in session.Access.Workspaces.Keys)
                index.Remove(workspace, session);
            session.Access = AccessFor(session.Identity.Roles);
            foreach (var workspace in session.Access.Workspaces.Keys)
                index.Add(workspace, session);
        }
        if (affected.Count > 0)
            _logger.Debug("Directory change re-evaluated {0} session(s)", affected.Count);
        var touched = change.Roles.ToHashSet(StringComparer.Ordinal);
        foreach (var chat in _logoutWatches.Values.Where(w => w.Roles.Any(touched.Contains)))
            chat.Session.Tell(new AccessMayHaveChanged(AccessFor(chat.Roles)));
    }

    /// <summary>Who gets an idm event (PROTOCOL 4.4), asked of one session: the replay's form of <see cref="RouteIdm"/>.</summary>
    private static bool IsIdmRecipient(IdmChangeEvent change, RoutedSession session)
    {
        var identity = session.Identity;
        if (change.Acl is { RoleID.Length: > 0 } acl && IsAccessAcl(acl))
            return identity.Roles.Contains(acl.RoleID);
        if (change.RoleUuid is { Length: > 0 } role)
            return identity.Roles.Contains(role);
        if (change.User is { Login.Length: > 0 } user)
            return identity.Login == user.Login;
        if (change.User is { Uuid.Length: > 0 } userBySubject)
            return identity.Subject == userBySubject.Uuid;
        return change.Workspace is { } workspace && session.Access.Workspaces.ContainsKey(workspace.UUID);
    }

    private static bool IsAccessAcl(Acl acl) =>
        !acl.Action.Name.StartsWith("parameter:", StringComparison.Ordinal) && !acl.Action.Name.StartsWith("action:", StringComparison.Ordinal);

    private static bool IsDelivered(ActivityEvent change) =>
        (change.BoxName == "inbox" || change.OwnerType == ActivityOwnerType.USER) && change.ActorId != change.OwnerId;

    private void RouteActivity(ActivityEvent change, RecoveryEntry entry)
    {
        if (!IsDelivered(change))
            return;
        SendToAll(_byLogin[change.OwnerId], entry, "a", () => EventFrames.Activity(change, ActivityTrimmer.Trim(change.Activity)));
        _counters.Routed(BusTopic.Activity);
    }

    /// <summary>One frame for every recipient: the v1 bytes, or for v2 sessions the same with the event's position.</summary>
    private void SendToAll(IReadOnlyCollection<RoutedSession> sessions, RecoveryEntry entry, string frameKey, Func<byte[]> encode)
    {
        if (sessions.Count == 0)
            return;
        byte[]? v1 = null;
        foreach (var session in sessions)
            Send(session, session.Version >= 2 ? entry.Frame(frameKey, encode) : v1 ??= encode());
    }

    // A refused frame (closing or slow socket) needs nothing more here: the sink closes that socket itself.
    private void Send(RoutedSession session, byte[] frame) => session.Sink.TryEnqueue(frame, _acceptedAt);

    private sealed record PendingRecovery(RegisterSession Request, StreamCursor Cursor, long Deadline);

    private sealed class CoalesceTick
    {
        public static readonly CoalesceTick Instance = new();
    }
}
