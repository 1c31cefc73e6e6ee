using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Access;
using Realtime.Actors.Recovery;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Routing;

/// <summary>
/// One share of the node's sessions (those whose actor hashes to it, <see cref="IndexOf"/>), a child of the
/// <see cref="TopicRouter"/>: their indexes, the chat sockets' logout watches, and the per-session half of routing
/// (PROTOCOL 4.2–4.5, 7.1 replay). The router does the ordered half of every event once (position, recovery log,
/// directory, coalescing) and tells every partition, in stream order; partitions fan out in parallel, sharing the
/// router's <see cref="AccessSnapshot"/> and each event's frames. The cost of an event in a partition is
/// proportional to its sessions that match it.
/// </summary>
public sealed class RouterPartition : ReceiveActor
{
    private readonly ILoggingAdapter _logger = Context.GetLogger();
    private readonly RoutingCounters _counters;
    private readonly int _maxReplayFrames;
    private AccessSnapshot _snapshot;
    private readonly Dictionary<IActorRef, RoutedSession> _sessions = new();
    // Node events go to v1 sessions through the coalescer, to v2 sessions at once (their positions stay in order).
    private readonly SessionIndex<RoutedSession> _byWorkspace = new();
    private readonly SessionIndex<RoutedSession> _byWorkspaceV2 = new();
    private readonly SessionIndex<RoutedSession> _byLogin = new();
    private readonly SessionIndex<RoutedSession> _bySubject = new();
    private readonly SessionIndex<RoutedSession> _byRole = new();
    private readonly SessionIndex<RoutedSession> _byProfile = new();
    private readonly Dictionary<IActorRef, WatchLogout> _watches = new();
    private readonly SessionIndex<WatchLogout> _watchesByLogin = new();
    private readonly SessionIndex<WatchLogout> _watchesBySubject = new();
    private readonly SessionIndex<WatchLogout> _watchesByRole = new();

    public RouterPartition(AccessSnapshot snapshot, RoutingCounters counters, int maxReplayFrames)
    {
        _snapshot = snapshot;
        _counters = counters;
        _maxReplayFrames = maxReplayFrames;

        Receive<RegisterSession>(Register);
        Receive<Resume>(RegisterResuming);
        Receive<UnregisterSession>(m => Unregister(m.Session));
        Receive<Terminated>(m => Unregister(m.ActorRef));
        Receive<WatchLogout>(Watch);
        Receive<AccessChanged>(m => Reevaluate(m.Snapshot, m.Change));
        Receive<NodeEvents>(Deliver);
        Receive<LiveEvent>(Deliver);
    }

    public static Props Props(AccessSnapshot snapshot, RoutingCounters counters, int maxReplayFrames) =>
        Akka.Actor.Props.Create(() => new RouterPartition(snapshot, counters, maxReplayFrames));

    /// <summary>The partition of a session among <paramref name="partitions"/>: the same for every message of it.</summary>
    public static int IndexOf(IActorRef session, int partitions) => (int)((uint)session.GetHashCode() % (uint)partitions);

    /// <summary>A v2 subscribe, answered by the router at its point of the stream: the cursor there and what was missed.</summary>
    internal sealed record Resume(RegisterSession Request, string Cursor, IReadOnlyList<RecoveryEntry>? Missed);

    /// <summary>The directory changed (the snapshot is the router's from now on): re-evaluate what it can affect.</summary>
    internal sealed record AccessChanged(AccessSnapshot Snapshot, DirectoryChange Change);

    /// <summary>One tree event: uncoalesced for v2 sessions (null: kept from them), and what the coalescer let out for v1 ones.</summary>
    internal sealed record NodeEvents(RecoveryEntry? Live, IReadOnlyList<CoalescedNodeEvent> Coalesced);

    /// <summary>A task, activity or IDM event; an IDM change that changed the directory brings the new snapshot.</summary>
    internal sealed record LiveEvent(RecoveryEntry Entry, SharedFrames<string> Frames, AccessSnapshot? Snapshot, DirectoryChange Change);

    /// <summary>A node event for v1 sessions, with its frames shared by the partitions.</summary>
    internal sealed class CoalescedNodeEvent(NodeChangeEvent change)
    {
        private readonly SharedFrames<(string Workspace, NodeFrameKey Key)> _frames = new();

        public NodeChangeEvent Change { get; } = change;

        public byte[] Frame(Workspace workspace, NodeFrameKey key) =>
            _frames.Get((workspace.UUID, key), k => NodeEventRules.Encode(Change, workspace, k.Key));
    }

    private void Register(RegisterSession message)
    {
        Unregister(message.Session);
        var access = _snapshot.AccessFor(message.Identity.Roles);
        Sender.Tell(new SessionRegistered(access));
        // The acknowledgement goes into the queue before any event can, so it is always the first frame.
        message.Sink.TryEnqueue(EventFrames.Subscribed(message.Identity.Login, access.Workspaces.Keys, message.Identity.ExpiresAt.ToUnixTimeSeconds()));
        Add(new RoutedSession(message.Session, message.Identity, message.Sink, access));
    }

    /// <summary>A v2 subscribe: <c>subscribed</c> with the position, then what was missed after the cursor (or nothing), then live.</summary>
    private void RegisterResuming(Resume message)
    {
        var request = message.Request;
        Unregister(request.Session);
        var session = new RoutedSession(request.Session, request.Identity, request.Sink, _snapshot.AccessFor(request.Identity.Roles), version: 2);
        var missed = message.Missed is { } entries ? ReplayFrames(session, entries) : null;
        bool? recovered = request.Recover is null ? null : missed is not null;
        session.Sink.TryEnqueue(EventFrames.Subscribed(request.Identity.Login, session.Access.Workspaces.Keys, request.Identity.ExpiresAt.ToUnixTimeSeconds(), message.Cursor, recovered));
        foreach (var frame in missed ?? [])
            session.Sink.TryEnqueue(frame);
        _counters.Recovered(recovered);
        Add(session);
    }

    /// <summary>The v2 frames a session is entitled to now for the missed entries; null when more than the replay bound.</summary>
    private List<byte[]>? ReplayFrames(RoutedSession session, IReadOnlyList<RecoveryEntry> entries)
    {
        var frames = new List<byte[]>();
        foreach (var entry in entries)
        {
            foreach (var frame in ReplayFramesOf(session, entry))
            {
                if (frames.Count == _maxReplayFrames)
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
                return NodeEventFanOut.FramesFor(node, _snapshot.Roots, session, NodeFrameEncoder(entry, node));
            case TaskChangeEvent task when TaskRecipient(task) is var owner && (owner is null ? identity.Profile == TopicRouter.AdminProfile : identity.Login == owner):
                return [entry.Frame("t", () => EventFrames.Task(task))];
            case ActivityEvent activity when IsDelivered(activity) && identity.Login == activity.OwnerId:
                return [entry.Frame("a", () => EventFrames.Activity(activity, ActivityTrimmer.Trim(activity.Activity)))];
            case IdmChangeEvent idm when IsIdmRecipient(idm, session):
                return [entry.Frame("i", () => EventFrames.Idm(idm))];
            default:
                return [];
        }
    }

    private void Add(RoutedSession session)
    {
        _sessions[session.Actor] = session;
        Index(session, add: true);
        _counters.SessionsChanged(1);
        // Not watched: a session unregisters itself when it stops (EventSessionActor.PostStop), and DeathWatch
        // would cost every socket's actor its watch sets (~350 bytes).
    }

    private void Unregister(IActorRef actor)
    {
        if (_watches.Remove(actor, out var watch))
        {
            IndexWatch(watch, add: false);
            Context.Unwatch(actor);
        }
        if (_sessions.Remove(actor, out var session))
        {
            Index(session, add: false);
            _counters.SessionsChanged(-1);
        }
    }

    private void Watch(WatchLogout watch)
    {
        if (_watches.Remove(watch.Session, out var previous))
            IndexWatch(previous, add: false);
        _watches[watch.Session] = watch;
        IndexWatch(watch, add: true);
        Context.Watch(watch.Session);
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
    }

    private void IndexWatch(WatchLogout watch, bool add)
    {
        Action<SessionIndex<WatchLogout>, string> apply = add ? (i, k) => i.Add(k, watch) : (i, k) => i.Remove(k, watch);
        apply(_watchesByLogin, watch.Login);
        apply(_watchesBySubject, watch.Subject);
        foreach (var role in watch.Roles)
            apply(_watchesByRole, role);
    }

    private SessionIndex<RoutedSession> WorkspaceIndexOf(RoutedSession session) => session.Version >= 2 ? _byWorkspaceV2 : _byWorkspace;

    /// <summary>Recomputes access for the sessions a directory change can affect and moves them between workspace indexes.</summary>
    private void Reevaluate(AccessSnapshot snapshot, DirectoryChange change)
    {
        _snapshot = snapshot;
        // What the change can affect: sessions of the roles it touched, and those that saw the workspace.
        var inWorkspace = change.WorkspaceId is { } ws ? _byWorkspace[ws].Concat(_byWorkspaceV2[ws]) : [];
        var affected = change.Roles.SelectMany(r => _byRole[r]).Concat(inWorkspace).Distinct().ToList();
        foreach (var session in affected)
        {
            var index = WorkspaceIndexOf(session);
            foreach (var workspace in session.Access.Workspaces.Keys)
                index.Remove(workspace, session);
            session.Access = snapshot.AccessFor(session.Identity.Roles);
            foreach (var workspace in session.Access.Workspaces.Keys)
                index.Add(workspace, session);
        }
        if (affected.Count > 0)
            _logger.Debug("Directory change re-evaluated {0} session(s)", affected.Count);
        foreach (var chat in change.Roles.SelectMany(r => _watchesByRole[r]).Distinct().ToList())
            chat.Session.Tell(new AccessMayHaveChanged(snapshot.AccessFor(chat.Roles)));
    }

    private void Deliver(NodeEvents message)
    {
        // Most nodes serve v1 sockets only: no second look-up of the event's workspaces for nobody.
        if (message.Live is { Change: NodeChangeEvent live } entry && !_byWorkspaceV2.IsEmpty)
            NodeEventFanOut.Deliver(live, _snapshot.Roots, _byWorkspaceV2, StampedWith(entry.AcceptedAt), NodeFrameEncoder(entry, live));
        if (_byWorkspace.IsEmpty || message.Coalesced.Count == 0)
            return;
        // v1 frames flushed by an arriving event carry its stamp; those sent on the coalescer's timer waited by
        // design and are not measured.
        var send = StampedWith(message.Live?.AcceptedAt ?? 0);
        foreach (var coalesced in message.Coalesced)
            NodeEventFanOut.Deliver(coalesced.Change, _snapshot.Roots, _byWorkspace, send, coalesced.Frame);
    }

    /// <summary>v2 node frames of one event: built once per workspace and rule outcome, shared by live and replay.</summary>
    private static Func<Workspace, NodeFrameKey, byte[]> NodeFrameEncoder(RecoveryEntry entry, NodeChangeEvent change) =>
        (workspace, key) => entry.Frame($"n|{workspace.UUID}|{key.Type}|{key.SourceRoot?.Uuid}|{key.TargetRoot?.Uuid}", () => NodeEventRules.Encode(change, workspace, key));

    private void Deliver(LiveEvent message)
    {
        var entry = message.Entry;
        switch (entry.Change)
        {
            case TaskChangeEvent task:
                var recipients = TaskRecipient(task) is { } owner ? _byLogin[owner] : _byProfile[TopicRouter.AdminProfile];
                SendToAll(recipients, message, "t", () => EventFrames.Task(task));
                break;
            case ActivityEvent activity when IsDelivered(activity):
                SendToAll(_byLogin[activity.OwnerId], message, "a", () => EventFrames.Activity(activity, ActivityTrimmer.Trim(activity.Activity)));
                break;
            case IdmChangeEvent idm:
                RouteIdm(idm, message);
                break;
        }
    }

    private void RouteIdm(IdmChangeEvent change, LiveEvent message)
    {
        var workspaceBefore = change.Workspace is { } ws ? _byWorkspace[ws.UUID].Concat(_byWorkspaceV2[ws.UUID]).ToList() : [];
        if (message.Snapshot is { } snapshot)
            Reevaluate(snapshot, message.Change);

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

        var snapshotOfRecipients = recipients.ToList();
        SendToAll(snapshotOfRecipients, message, "i", () => EventFrames.Idm(change));
        if (change.Type != IdmEventType.LOGOUT || change.User is not { } loggedOut)
            return;
        foreach (var session in snapshotOfRecipients)
            session.Sink.Close(TopicRouter.LogoutCloseCode, "logged out");
        // Chat sockets of the user get no idm frame, but close all the same.
        var chats = loggedOut.Login.Length > 0 ? _watchesByLogin[loggedOut.Login] : _watchesBySubject[loggedOut.Uuid];
        foreach (var watch in chats)
        {
            watch.Sink.TryEnqueue(EventFrames.Error("logged out"));
            watch.Sink.Close(TopicRouter.LogoutCloseCode, "logged out");
        }
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

    private static string? TaskRecipient(TaskChangeEvent change) =>
        change.TaskUpdated.TriggerOwner is var owner && owner == TaskChangeEvent.SystemUser ? null : owner;

    /// <summary>Whether an activity goes to its owner at all (PROTOCOL 4.5).</summary>
    public static bool IsDelivered(ActivityEvent change) =>
        (change.BoxName == "inbox" || change.OwnerType == ActivityOwnerType.USER) && change.ActorId != change.OwnerId;

    /// <summary>One frame for every recipient: the v1 bytes, or for v2 sessions the same with the event's position; both built once per event.</summary>
    private static void SendToAll(IReadOnlyCollection<RoutedSession> sessions, LiveEvent message, string frameKey, Func<byte[]> encode)
    {
        foreach (var session in sessions)
            session.Sink.TryEnqueue(session.Version >= 2 ? message.Entry.Frame(frameKey, encode) : message.Frames.Get(frameKey, _ => encode()), message.Entry.AcceptedAt);
    }

    // A refused frame (closing or slow socket) needs nothing more here: the sink closes that socket itself.
    // The stamp is when this node took the event in (realtime_delivery_latency_seconds); 0 is not measured.
    private static Action<RoutedSession, byte[]> StampedWith(long acceptedAt) =>
        (session, frame) => session.Sink.TryEnqueue(frame, acceptedAt);
}
