using Akka.Actor;
using Akka.Event;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Routing;

/// <summary>
/// One per node. Indexes the local sessions and applies PROTOCOL 4.2–4.5 to every bus event. The cost of an
/// event is proportional to the sessions that match it; frames are encoded once per workspace.
/// </summary>
public sealed class TopicRouter : ReceiveActor, IWithTimers
{
    private const string TickTimer = "coalesce-tick";
    public const string AdminProfile = "admin";
    public const int LogoutCloseCode = 4001;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AccessDirectory _directory;
    private readonly NodeEventCoalescer _coalescer;
    private readonly SilentEventLimiter _silent;
    private readonly RoutingCounters _counters;
    private readonly TokenRevocations _revocations;
    private readonly Dictionary<IActorRef, RoutedSession> _sessions = new();
    private readonly SessionIndex<RoutedSession> _byWorkspace = new();
    private readonly SessionIndex<RoutedSession> _byLogin = new();
    private readonly SessionIndex<RoutedSession> _bySubject = new();
    private readonly SessionIndex<RoutedSession> _byRole = new();
    private readonly SessionIndex<RoutedSession> _byProfile = new();
    private readonly Dictionary<string, UserAccess> _accessByRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, WatchLogout> _logoutWatches = new();
    private RootPathIndex _roots;

    public ITimerScheduler Timers { get; set; } = null!;

    public TopicRouter(AccessDirectory directory, RouterSettings settings, RoutingCounters counters, TokenRevocations revocations)
    {
        _directory = directory;
        _coalescer = new NodeEventCoalescer(settings.CoalesceQuiet, settings.CoalesceMaxDelay);
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
        Receive<CoalesceTick>(_ =>
        {
            var now = DateTime.UtcNow;
            foreach (var due in _coalescer.Due(now))
                DeliverNodeEvent(due);
            _silent.Sweep(now);
            _counters.CoalescerPending = _coalescer.Pending;
        });
    }

    public static Props Props(AccessDirectory directory, RouterSettings settings, RoutingCounters counters, TokenRevocations revocations) =>
        Akka.Actor.Props.Create(() => new TopicRouter(directory, settings, counters, revocations));

    protected override void PreStart()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_coalescer.Enabled ? 100 : 1000, 10, 1000));
        Timers.StartPeriodicTimer(TickTimer, CoalesceTick.Instance, tick);
    }

    private void Register(RegisterSession message)
    {
        if (_sessions.ContainsKey(message.Session))
            Unregister(message.Session);
        var session = new RoutedSession(message.Session, message.Identity, message.Sink, AccessFor(message.Identity.Roles));
        _sessions[message.Session] = session;
        // The acknowledgement goes into the queue before any event can, so it is always the first frame.
        session.Sink.TryEnqueue(EventFrames.Subscribed(message.Identity.Login, session.Access.Workspaces.Keys, message.Identity.ExpiresAt.ToUnixTimeSeconds()));
        Index(session, add: true);
        Context.Watch(message.Session);
        Sender.Tell(new SessionRegistered(session.Access));
    }

    private void Unregister(IActorRef actor)
    {
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
            apply(_byWorkspace, workspace);
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

    private void Route(BusEvent message)
    {
        object parsed;
        try
        {
            parsed = BusEventParser.Parse(message.Topic, message.Json);
        }
        catch (FormatException e)
        {
            _counters.Dropped(message.Topic);
            _log.Warning("Dropped a bad {0} event: {1}", message.Topic.ShortName(), e.Message);
            return;
        }
        _counters.Ingested(message.Topic);
        switch (parsed)
        {
            case NodeChangeEvent node:
                OfferNodeEvent(node);
                break;
            case TaskChangeEvent task:
                RouteTask(task);
                break;
            case IdmChangeEvent idm:
                RouteIdm(idm);
                break;
            case ActivityEvent activity:
                RouteActivity(activity);
                break;
        }
    }

    private void OfferNodeEvent(NodeChangeEvent change)
    {
        if (change.Type == NodeEventType.READ)
            return;
        var now = DateTime.UtcNow;
        var subject = change.Target ?? change.Source;
        if (change.Silent && subject is not null && !_silent.Allow(subject.Uuid, now))
        {
            _counters.Dropped(BusTopic.Tree);
            return;
        }
        // The index follows the bus at once: chat NODE rooms must see a node before its coalesced frame goes out,
        // and a deny ACL on a node whose path is new or moved must hide the new sub-tree before this event routes.
        var moved = _directory.Track(change);
        if (moved.Count > 0)
            Reevaluate(new DirectoryChange(moved, null));
        foreach (var ready in _coalescer.Offer(change, now))
            DeliverNodeEvent(ready);
        _counters.CoalescerPending = _coalescer.Pending;
    }

    private void DeliverNodeEvent(NodeChangeEvent change)
    {
        NodeEventFanOut.Deliver(change, _roots, _byWorkspace, Send);
        _counters.Routed(BusTopic.Tree);
    }

    private void RouteTask(TaskChangeEvent change)
    {
        var owner = change.TaskUpdated.TriggerOwner;
        var recipients = owner == TaskChangeEvent.SystemUser ? _byProfile[AdminProfile] : _byLogin[owner];
        SendToAll(recipients, () => EventFrames.Task(change));
        _counters.Routed(BusTopic.Task);
    }

    private void RouteIdm(IdmChangeEvent change)
    {
        var workspaceBefore = change.Workspace is { } ws ? _byWorkspace[ws.UUID].ToList() : [];
        var directoryChange = _directory.Apply(change);
        if (!directoryChange.IsEmpty)
            Reevaluate(directoryChange);

        IReadOnlyCollection<RoutedSession> recipients;
        if (change.Acl is { RoleID.Length: > 0 } acl && !acl.Action.Name.StartsWith("parameter:", StringComparison.Ordinal) && !acl.Action.Name.StartsWith("action:", StringComparison.Ordinal))
            recipients = _byRole[acl.RoleID];
        else if (change.RoleUuid is { Length: > 0 } role)
            recipients = _byRole[role];
        else if (change.User is { Login.Length: > 0 } user)
            recipients = _byLogin[user.Login];
        else if (change.User is { Uuid.Length: > 0 } userBySubject)
            recipients = _bySubject[userBySubject.Uuid];
        else if (change.Workspace is { } workspace)
            recipients = workspaceBefore.Union(_byWorkspace[workspace.UUID]).ToList();
        else
            recipients = [];

        var snapshot = recipients.ToList();
        SendToAll(snapshot, () => EventFrames.Idm(change));
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
        var affected = change.WorkspaceId is not null
            ? _sessions.Values.ToList()
            : change.Roles.SelectMany(r => _byRole[r]).Distinct().ToList();
        foreach (var session in affected)
        {
            foreach (var workspace in session.Access.Workspaces.Keys)
                _byWorkspace.Remove(workspace, session);
            session.Access = AccessFor(session.Identity.Roles);
            foreach (var workspace in session.Access.Workspaces.Keys)
                _byWorkspace.Add(workspace, session);
        }
        if (affected.Count > 0)
            _log.Info("Directory change re-evaluated {0} session(s)", affected.Count);
        foreach (var chat in _logoutWatches.Keys)
            chat.Tell(AccessMayHaveChanged.Instance);
    }

    private void RouteActivity(ActivityEvent change)
    {
        if (change.BoxName != "inbox" && change.OwnerType != ActivityOwnerType.USER)
            return;
        if (change.ActorId == change.OwnerId)
            return;
        SendToAll(_byLogin[change.OwnerId], () => EventFrames.Activity(change, ActivityTrimmer.Trim(change.Activity)));
        _counters.Routed(BusTopic.Activity);
    }

    private void SendToAll(IReadOnlyCollection<RoutedSession> sessions, Func<byte[]> encode)
    {
        if (sessions.Count == 0)
            return;
        var frame = encode();
        foreach (var session in sessions)
            Send(session, frame);
    }

    // A refused frame (closing or slow socket) needs nothing more here: the sink closes that socket itself.
    private static void Send(RoutedSession session, byte[] frame) => session.Sink.TryEnqueue(frame);

    private sealed class CoalesceTick
    {
        public static readonly CoalesceTick Instance = new();
    }
}
