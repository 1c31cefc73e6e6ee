using System.Text;
using Akka.Actor;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Routing;
using Realtime.Actors.Sessions;
using Realtime.Messages.Chat;
using Realtime.Messages.Protocol;
using Realtime.Messages.Protocol.Chat;

namespace Realtime.Actors.Chat;

/// <summary>
/// A session of the chat socket (<c>/chat</c>, PROTOCOL 6). It is not registered with the router for
/// events: it only asks it for the user's access (subscribe acknowledgement, JOIN, HISTORY). It holds the
/// rooms joined on this socket (room Uuid → entity, read-only flag), checks every action before it goes to
/// the room's shard region, and turns the rooms' replies into frames on the socket's queue. A refused action
/// is an error frame; the socket stays open. Frames are handled in order: a JOIN, HISTORY, POST or DELETE_MSG
/// holds the socket's next frame until its room answered (or <see cref="ChatSessionSettings.AnswerTimeout"/>
/// passed), so a POST right after a JOIN reaches a room that exists.
/// </summary>
public sealed class ChatSessionActor : SessionActor, IWithTimers
{
    private const int MaxPendingDeletes = 64;
    // The profile that may delete anyone's message and create any GLOBAL room (PROTOCOL 6).
    private const string AdminProfile = "admin";
    private const int MaxEchoesWhileAway = 256;
    private const string AnswerTimer = "room-answer";
    // A room that stopped under its members (node lost, drain, journal failure) is usually back within seconds;
    // rejoins back off so that a journal outage does not turn every member into a hammer.
    private static readonly TimeSpan FirstRejoinDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRejoinDelay = TimeSpan.FromSeconds(10);

    private readonly IActorRef _router;
    private readonly IActorRef _rooms;
    private readonly ChatSessionSettings _settings;
    private readonly NodeLookup? _nodeLookup;
    private readonly InboundRateLimiter _historyRate;
    private readonly Dictionary<string, JoinedRoom> _joined = new(StringComparer.Ordinal);
    // Uuids this socket asked to delete: their DELETE_MSG comes back even when the room is not joined here.
    private readonly HashSet<string> _deleting = new(StringComparer.Ordinal);
    // Own posts echoed by a room that lost this socket (it answers posters that are not members): its rejoin's
    // catch-up would send them again.
    private readonly Dictionary<string, HashSet<string>> _echoedWhileAway = new(StringComparer.Ordinal);
    private string? _roomsLogin;
    private int _generation;
    private bool _acknowledged;
    private ClientFrame? _waiting;
    private AwaitedAnswer? _awaited;
    private int _tickets;

    public ChatSessionActor(ITokenValidator validator, OutboundQueue outbound, SocketLimits limits, IActorRef router, IActorRef rooms, ChatSessionSettings settings, NodeLookup? nodeLookup)
        : base(validator, outbound, limits)
    {
        _nodeLookup = nodeLookup;
        _router = router;
        _rooms = rooms;
        _settings = settings;
        _historyRate = new InboundRateLimiter(settings.MaxHistoryPerSecond, settings.HistoryBurst);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ITokenValidator validator, OutboundQueue outbound, SocketLimits limits, IActorRef router, IActorRef rooms, ChatSessionSettings settings, NodeLookup? nodeLookup) =>
        Akka.Actor.Props.Create(() => new ChatSessionActor(validator, outbound, limits, router, rooms, settings, nodeLookup))
            .WithMailbox(SessionMailbox.ConfigPath);

    protected override string EmptyJwtError => "Empty JWT";

    protected override void OnAuthenticated(TokenClaims identity)
    {
        // Another user on the same socket: the rooms of the previous one are left (a token refresh keeps them).
        if (_roomsLogin is not null && _roomsLogin != identity.Login)
            LeaveAll();
        _roomsLogin = identity.Login;
        _router.Tell(new WatchLogout(Self, identity.Login, identity.Subject, identity.Roles, Outbound));
        _acknowledged = false;
        _generation++;
        Resolve(null, ackAfter: false, (answer, _) =>
        {
            if (answer is null)
            {
                Fail(CloseCodes.InternalError, "internal error", "access directory unavailable");
                return;
            }
            Outbound.TryEnqueue(EventFrames.Subscribed(identity.Login, answer.Access.Workspaces.Keys, identity.ExpiresAt.ToUnixTimeSeconds()));
            _acknowledged = true;
            if (_waiting is { } waiting)
            {
                _waiting = null;
                if (Handle(waiting))
                    Ack();
            }
        });
    }

    protected override void OnIdentityLost()
    {
        _router.Tell(new UnregisterSession(Self));
        _generation++;
        _acknowledged = false;
        LeaveAll();
        _roomsLogin = null;
        if (_awaited is not null)
        {
            // No answer for a gone identity is waited for: the next frame is read now.
            _awaited = null;
            Timers.Cancel(AnswerTimer);
            Ack();
        }
        if (_waiting is not null)
        {
            _waiting = null;
            SendError("not subscribed");
            Ack();
        }
    }

    protected override bool OnFrame(ClientFrame frame)
    {
        if (Identity is null)
        {
            SendError("not subscribed");
            return true;
        }
        if (!_acknowledged)
        {
            // The subscribe's access answer is on its way: this frame waits for it (and holds the next ones back).
            _waiting = frame;
            return false;
        }
        return Handle(frame);
    }

    protected override bool OnSessionMessage(object message)
    {
        switch (message)
        {
            case AccessResolved m:
                OnResolved(m);
                return true;
            case AccessMayHaveChanged m:
                RecheckJoinedRooms(m.Access);
                return true;
            case RoomUpdated m:
                if (_joined.TryGetValue(m.Room.Uuid, out var updated))
                {
                    Outbound.TryEnqueue(ChatFrameCodec.EncodeRoomUpdate(AsNamedByClient(m.Room)));
                    WatchHost(updated);
                }
                Settle(m);
                return true;
            case Terminated m:
                OnHostTerminated(m);
                return true;
            case RejoinDue m:
                OnRejoinDue(m);
                return true;
            case MessagePublished m:
                if (_joined.TryGetValue(m.Message.RoomUuid, out var published))
                {
                    Outbound.TryEnqueue(ChatFrameCodec.EncodeMessage(m.Message));
                    if (!m.IsEdit)
                        _joined[published.Target.Uuid] = published with { LastSeen = m.Message.Uuid };
                    if (published.Host is null)
                        RememberEchoWhileAway(published.Target.Uuid, m.Message.Uuid);
                }
                Settle(m);
                return true;
            case CatchUpReplay m:
                if (_joined.TryGetValue(m.Room.Uuid, out var replayed))
                    SendCatchUp(m, replayed);
                Settle(m);
                return true;
            case MessageRemoved m:
                if (_deleting.Remove(m.Message.Uuid) || _joined.ContainsKey(m.Message.RoomUuid))
                    Outbound.TryEnqueue(ChatFrameCodec.EncodeDeleteMessage(m.Message));
                Settle(m);
                return true;
            case HistoryPage m:
                SendHistory(m);
                Settle(m);
                return true;
            case ChatActionRefused m:
                SendError(m.Reason);
                // A JOIN the room could not take (its creation was not saved) is no membership.
                if (_awaited is { Frame: ChatFrameCodec.Join } join && join.Target.EntityId == m.EntityId)
                    Forget(join.Target.Uuid);
                Settle(m);
                return true;
            case AnswerOverdue m:
                OnAnswerOverdue(m);
                return true;
            default:
                return false;
        }
    }

    private void OnHostTerminated(Terminated m)
    {
        foreach (var lost in _joined.Values.Where(j => m.ActorRef.Equals(j.Host)).ToList())
        {
            _joined[lost.Target.Uuid] = lost with { Host = null };
            Timers.StartSingleTimer(RejoinTimer(lost.Target.Uuid), new RejoinDue(lost.Target.Uuid, FirstRejoinDelay), FirstRejoinDelay);
            // A frame waiting for that room gets no answer from it now (it moved, or stopped on a journal
            // failure): say so at once, not after AnswerTimeout.
            if (_awaited is { } awaited && awaited.Target.Uuid == lost.Target.Uuid && awaited.Frame != ChatFrameCodec.Join)
            {
                SendError($"room {lost.Target.Uuid} is unavailable, it stopped before it answered the {awaited.Frame}: try again");
                _awaited = null;
                Ack();
            }
        }
    }

    private void OnRejoinDue(RejoinDue m)
    {
        // Until the room answers (its ROOM_UPDATE names its new host), ask again, less and less often.
        if (Identity is null || !_joined.TryGetValue(m.RoomUuid, out var joined) || joined.Host is not null)
            return;
        Rejoin(joined);
        var next = m.Delay * 2 < MaxRejoinDelay ? m.Delay * 2 : MaxRejoinDelay;
        Timers.StartSingleTimer(RejoinTimer(m.RoomUuid), new RejoinDue(m.RoomUuid, next), next);
    }

    private void OnAnswerOverdue(AnswerOverdue m)
    {
        if (_awaited is not { } awaited || awaited.Ticket != m.Ticket)
            return;
        SendError($"room {awaited.Target.Uuid} did not answer the {awaited.Frame} in time: try again");
        // An unanswered JOIN is no membership here; should it reach the room late, this LEAVE follows it.
        if (awaited.Frame == ChatFrameCodec.Join && Forget(awaited.Target.Uuid) is not null)
            _rooms.Tell(new LeaveRoom(awaited.Target.EntityId, Identity!.Login, Self));
        _awaited = null;
        Ack();
    }

    protected override void PostStop()
    {
        LeaveAll();
        base.PostStop();
    }

    /// <summary>Runs one chat frame; false when it finishes later (after an access or a room answer), which then acknowledges it.</summary>
    private bool Handle(ClientFrame frame)
    {
        var chat = ChatFrameCodec.Read(frame.Root);
        if (chat is null)
            return true;
        return chat.WsType switch
        {
            ChatFrameCodec.Join => Join(chat),
            ChatFrameCodec.Leave => Leave(chat),
            ChatFrameCodec.Post => Post(chat),
            ChatFrameCodec.History => History(chat),
            ChatFrameCodec.DeleteMsg => Delete(chat),
            _ => true, // unknown types are ignored (forward compatibility)
        };
    }

    private bool Join(ChatClientFrame chat)
    {
        if (!TryTarget(chat, out var target, out var error))
            return Refuse(error);
        if (chat.IsHeartbeat && _joined.TryGetValue(target.Uuid, out var joined))
        {
            // A heartbeat of a joined room refreshes presence; it also rejoins (and catches up) a room that lost this socket.
            Rejoin(joined);
            return true;
        }
        if (target.Type != ChatRoomType.USER && Encoding.UTF8.GetByteCount(target.Label) > _settings.MaxRoomLabelBytes)
            return Refuse($"Room.RoomLabel is too long: at most {_settings.MaxRoomLabelBytes} bytes");
        if (!_joined.ContainsKey(target.Uuid) && _joined.Count >= _settings.MaxRoomsPerSocket)
            return Refuse($"too many rooms joined on this socket: at most {_settings.MaxRoomsPerSocket}, LEAVE one first");
        var after = ChatFrameCodec.ParseCatchUpRequest(chat.Message?.Message);
        return Authorize(target, decision =>
        {
            var known = _joined.GetValueOrDefault(target.Uuid);
            _joined[target.Uuid] = new JoinedRoom(target, decision.ReadOnly, known?.Host, known?.LastSeen);
            Await(ChatFrameCodec.Join, target, answer => answer is RoomUpdated u && u.Room.Uuid == target.Uuid
                || answer is CatchUpReplay c && c.Room.Uuid == target.Uuid);
            _rooms.Tell(new JoinRoom(target.EntityId, target.Type, target.Object, target.Label, Identity!.Login, Self, false, after, MayCreate(target)));
        });
    }

    private bool Leave(ChatClientFrame chat)
    {
        if (!TryTarget(chat, out var target, out var error))
            return Refuse(error);
        if (Forget(target.Uuid) is not { } joined)
            return Refuse($"room {target.Uuid} is not joined");
        _rooms.Tell(new LeaveRoom(joined.Target.EntityId, Identity!.Login, Self));
        return true;
    }

    private bool Post(ChatClientFrame chat)
    {
        if (chat.Message is not { } message)
            return Refuse("POST needs a Message");
        if (!TryTarget(chat, out var target, out var error))
            return Refuse(error);
        if (!_joined.TryGetValue(target.Uuid, out var joined))
            return Refuse($"join room {target.Uuid} before posting in it");
        if (joined.ReadOnly)
            return Refuse($"room {target.Uuid} is read-only for you");
        if (string.IsNullOrWhiteSpace(message.Message))
            return Refuse("empty message");
        if (Encoding.UTF8.GetByteCount(message.Message) > _settings.MaxChatMessageBytes)
            return Refuse($"message too long: at most {_settings.MaxChatMessageBytes} bytes");
        // Author, Timestamp and (for a new message) Uuid are the server's: whatever the client wrote is ignored.
        var uuid = string.IsNullOrEmpty(message.Uuid) ? null : message.Uuid;
        var login = Identity!.Login;
        // The echo names no request: this socket's post is the first message of that room by this login with this
        // text (another socket of the same user posting the same text at once can only release the wait early).
        Await(ChatFrameCodec.Post, joined.Target, answer => answer is MessagePublished p && p.Message.RoomUuid == target.Uuid
            && p.Message.Author == login && p.Message.Message == message.Message);
        _rooms.Tell(new PostMessage(joined.Target.EntityId, login, uuid, message.Message, Self));
        return false;
    }

    private bool History(ChatClientFrame chat)
    {
        // Every HISTORY counts, refused or not: any page may be read from the journal.
        if (!_historyRate.TryTake())
            return Refuse($"too many history requests: at most {_settings.MaxHistoryPerSecond} per second");
        if (!TryTarget(chat, out var target, out var error))
            return Refuse(error);
        var (offset, limit) = ChatFrameCodec.ParseHistoryRequest(chat.Message?.Message);
        if (offset < 0)
            return Refuse($"negative history offset {offset}");
        void Send()
        {
            Await(ChatFrameCodec.History, target, answer => answer is HistoryPage p && p.Room.Uuid == target.Uuid);
            _rooms.Tell(new GetHistory(target.EntityId, offset, limit, Self));
        }
        if (_joined.ContainsKey(target.Uuid))
        {
            Send();
            return false;
        }
        return Authorize(target, _ => Send());
    }

    private bool Delete(ChatClientFrame chat)
    {
        if (chat.Message is not { Uuid.Length: > 0 } message)
            return Refuse("DELETE_MSG needs a Message with a Uuid");
        if (!TryTarget(chat, out var target, out var error))
            return Refuse(error);
        void Send()
        {
            // Refused deletions never come back: keep the set small rather than exact.
            if (_deleting.Count >= MaxPendingDeletes)
                _deleting.Clear();
            _deleting.Add(message.Uuid);
            Await(ChatFrameCodec.DeleteMsg, target, answer => answer is MessageRemoved r && r.Message.Uuid == message.Uuid);
            _rooms.Tell(new DeleteMessage(target.EntityId, Identity!.Login, Identity.Profile == AdminProfile, message.Uuid, Self));
        }
        if (_joined.ContainsKey(target.Uuid))
        {
            Send();
            return false;
        }
        return Authorize(target, _ => Send());
    }

    /// <summary>The next frame waits until the room answers this one: <paramref name="isAnswer"/> or a refusal of that room.</summary>
    private void Await(string frame, RoomTarget target, Func<object, bool> isAnswer)
    {
        _awaited = new AwaitedAnswer(++_tickets, frame, target, isAnswer);
        Timers.StartSingleTimer(AnswerTimer, new AnswerOverdue(_tickets), _settings.AnswerTimeout);
    }

    private void Settle(object answer)
    {
        if (_awaited is not { } awaited
            || !(awaited.IsAnswer(answer) || answer is ChatActionRefused refused && refused.EntityId == awaited.Target.EntityId))
            return;
        _awaited = null;
        Timers.Cancel(AnswerTimer);
        Ack();
    }

    /// <summary>Checks the right to join <paramref name="target"/> with fresh access; the frame is acknowledged after (or after the room's answer).</summary>
    private bool Authorize(RoomTarget target, Action<ChatAuthorization> allowed)
    {
        Resolve(target.Type == ChatRoomType.NODE ? target.Object : null, ackAfter: true, (answer, problem) =>
        {
            if (answer is null)
                SendError(problem);
            else
                Decide(target, answer, allowed);
        });
        return false;
    }

    /// <summary>After a directory change, every joined room whose right depends on access is checked again.</summary>
    private void RecheckJoinedRooms(UserAccess access)
    {
        if (Identity is null)
            return;
        foreach (var joined in _joined.Values.Where(j => j.Target.Type is ChatRoomType.WORKSPACE or ChatRoomType.NODE).ToList())
        {
            void Recheck(AccessAnswer? answer)
            {
                if (answer is not null && _joined.ContainsKey(joined.Target.Uuid))
                    Decide(joined.Target, answer, decision => _joined[joined.Target.Uuid] = _joined[joined.Target.Uuid] with { ReadOnly = decision.ReadOnly });
            }
            // A WORKSPACE room needs only the access the router sent; a NODE room also needs the node's path.
            if (joined.Target.Type == ChatRoomType.WORKSPACE)
                Recheck(new AccessAnswer(access, null));
            else
                Resolve(joined.Target.Object, ackAfter: false, (answer, _) => Recheck(answer));
        }
    }

    private void Decide(RoomTarget target, AccessAnswer answer, Action<ChatAuthorization> allowed)
    {
        var decision = ChatRoomAuthorizer.Authorize(Identity!, target.Type, target.Object, answer.Access, answer.NodePath);
        if (decision.Allowed)
        {
            allowed(decision);
            return;
        }
        // Access was revoked since the room was joined here: the membership ends too.
        if (Forget(target.Uuid) is { } joined)
            _rooms.Tell(new LeaveRoom(joined.Target.EntityId, Identity!.Login, Self));
        SendError(decision.Refusal ?? "refused");
    }

    /// <summary>The user's access (and the node's path, when asked) from the router; <paramref name="then"/> gets null and the reason when that failed.</summary>
    private void Resolve(string? nodeUuid, bool ackAfter, Action<AccessAnswer?, string> then)
    {
        var generation = _generation;
        AskAccessAsync(Identity!.Roles, nodeUuid)
            .PipeTo(Self,
                success: answer => new AccessResolved(generation, answer, "", then, ackAfter),
                failure: e => new AccessResolved(generation, null,
                    (e as NodeLookupFailedException ?? e.InnerException as NodeLookupFailedException)?.Message ?? "access check failed, try again", then, ackAfter));
    }

    /// <summary>A node the router has not seen is asked of the platform's node lookup, when there is one.</summary>
    private async Task<AccessAnswer> AskAccessAsync(IReadOnlyList<string> roles, string? nodeUuid)
    {
        var answer = await _router.Ask<AccessAnswer>(new ResolveAccess(roles, nodeUuid), _settings.AccessTimeout);
        if (answer.NodePath is not null || nodeUuid is null || _nodeLookup is null)
            return answer;
        return answer with { NodePath = await _nodeLookup.PathOfAsync(nodeUuid) };
    }

    private void OnResolved(AccessResolved resolved)
    {
        // An answer for an identity that is gone is dropped; its frame is still acknowledged.
        if (resolved.Generation == _generation && Identity is not null)
            resolved.Then(resolved.Answer, resolved.Problem);
        if (resolved.AckAfter && _awaited is null)
            Ack();
    }

    /// <summary>
    /// The room a frame names: by <c>Room.Type</c> + <c>Room.RoomTypeObject</c> (its Uuid, when given, must match),
    /// else by <c>Room.Uuid</c> or <c>Message.RoomUuid</c> among the rooms joined on this socket.
    /// </summary>
    private bool TryTarget(ChatClientFrame chat, out RoomTarget target, out string error)
    {
        target = null!;
        error = "";
        if (chat.Room is { } room && (room.Type != ChatRoomType.GLOBAL || room.RoomTypeObject.Length > 0 || room.Uuid.Length == 0))
        {
            var uuid = RoomIdentity.RoomUuid(room.Type, room.RoomTypeObject);
            if (room.Uuid.Length > 0 && room.Uuid != uuid)
            {
                error = $"Room.Uuid {room.Uuid} does not match its Type and RoomTypeObject";
                return false;
            }
            if (room.Type != ChatRoomType.GLOBAL && room.RoomTypeObject.Length == 0)
            {
                error = "Room.RoomTypeObject is missing";
                return false;
            }
            if (Encoding.UTF8.GetByteCount(room.RoomTypeObject) > _settings.MaxRoomObjectBytes)
            {
                error = $"Room.RoomTypeObject is too long: at most {_settings.MaxRoomObjectBytes} bytes";
                return false;
            }
            target = new RoomTarget(room.Type, RoomIdentity.Canonical(room.Type, room.RoomTypeObject), room.RoomTypeObject, room.RoomLabel, uuid, RoomIdentity.EntityId(room.Type, room.RoomTypeObject));
            return true;
        }
        var byUuid = chat.Room?.Uuid is { Length: > 0 } roomUuid ? roomUuid : chat.Message?.RoomUuid ?? "";
        if (byUuid.Length == 0)
        {
            error = $"{chat.WsType} needs a Room";
            return false;
        }
        if (_joined.TryGetValue(byUuid, out var joined))
        {
            target = joined.Target;
            return true;
        }
        if (byUuid == RoomIdentity.RoomUuid(ChatRoomType.GLOBAL, ""))
        {
            target = new RoomTarget(ChatRoomType.GLOBAL, "", "", "", byUuid, RoomIdentity.EntityId(ChatRoomType.GLOBAL, ""));
            return true;
        }
        error = $"unknown room {byUuid}: join it by Type and RoomTypeObject first";
        return false;
    }

    private void SendHistory(HistoryPage page)
    {
        Outbound.TryEnqueue(ChatFrameCodec.EncodeRoomUpdate(AsNamedByClient(page.Room)));
        foreach (var message in page.Messages)
            Outbound.TryEnqueue(ChatFrameCodec.EncodeMessage(message));
        if (page.MayHaveMore && page.Messages.Count > 0)
            Outbound.TryEnqueue(ChatFrameCodec.EncodeMayHaveMore(page.Room.Uuid, page.Offset + page.Limit, page.Limit, page.Messages[0].Timestamp));
    }

    /// <summary>
    /// The room as this client named it: a USER room's logins in the order of the frame being answered, else of
    /// the JOIN (the room itself knows only the sorted set).
    /// </summary>
    private ChatRoom AsNamedByClient(ChatRoom room)
    {
        var named = _awaited?.Target is { } awaited && awaited.Uuid == room.Uuid ? awaited
            : _joined.TryGetValue(room.Uuid, out var joined) ? joined.Target
            : null;
        return named is null ? room : room with { RoomTypeObject = named.ClientObject };
    }

    /// <summary>
    /// Whether this user's JOIN may create the room when it does not exist yet: any room but a GLOBAL one, a
    /// well-known GLOBAL room, or any GLOBAL room for an admin or a holder of a creator role. Joining an existing
    /// GLOBAL room needs none of this; the room decides, since only it knows whether it exists.
    /// </summary>
    private bool MayCreate(RoomTarget target) =>
        target.Type != ChatRoomType.GLOBAL
        || _settings.GlobalRooms.Contains(target.Object)
        || Identity!.Profile == AdminProfile
        || Identity.Roles.Any(_settings.GlobalRoomCreatorRoles.Contains);

    /// <summary>A heartbeat JOIN: a room that lost this socket takes it back and replays what came after the last message seen here.</summary>
    private void Rejoin(JoinedRoom joined)
    {
        var target = joined.Target;
        _rooms.Tell(new JoinRoom(target.EntityId, target.Type, target.Object, target.Label, Identity!.Login, Self, true, joined.LastSeen, MayCreate(target)));
    }

    /// <summary>ROOM_UPDATE, the missed posts, edits and deletions as their live frames, then MAY_HAVE_MORE when truncated.</summary>
    private void SendCatchUp(CatchUpReplay replay, JoinedRoom joined)
    {
        Outbound.TryEnqueue(ChatFrameCodec.EncodeRoomUpdate(AsNamedByClient(replay.Room)));
        var lastSeen = joined.LastSeen;
        _echoedWhileAway.Remove(joined.Target.Uuid, out var echoed);
        foreach (var item in replay.Items)
        {
            if (item.Kind == CatchUpItemKind.Posted && echoed?.Contains(item.Message.Uuid) == true)
                continue;
            if (item.Kind == CatchUpItemKind.Deleted)
                Outbound.TryEnqueue(ChatFrameCodec.EncodeDeleteMessage(item.Message));
            else
                Outbound.TryEnqueue(ChatFrameCodec.EncodeMessage(item.Message));
            if (item.Kind == CatchUpItemKind.Posted)
                lastSeen = item.Message.Uuid;
        }
        if (replay.More is { } more)
            Outbound.TryEnqueue(ChatFrameCodec.EncodeMayHaveMore(replay.Room.Uuid, more.Offset, more.Limit, more.OldestTimestamp));
        WatchHost(joined);
        _joined[joined.Target.Uuid] = _joined[joined.Target.Uuid] with { LastSeen = lastSeen };
    }

    /// <summary>The room's host is watched: when it stops under this member, the session rejoins the room wherever it comes back.</summary>
    private void WatchHost(JoinedRoom joined)
    {
        if (Sender.Equals(joined.Host) || Sender.IsNobody())
            return;
        Context.Watch(Sender);
        _joined[joined.Target.Uuid] = joined with { Host = Sender };
        Timers.Cancel(RejoinTimer(joined.Target.Uuid));
    }

    /// <summary>Ends this socket's record of a room (not the room's: callers tell it when it should know).</summary>
    private JoinedRoom? Forget(string roomUuid)
    {
        if (!_joined.Remove(roomUuid, out var joined))
            return null;
        if (joined.Host is { } host)
            Context.Unwatch(host);
        Timers.Cancel(RejoinTimer(roomUuid));
        _echoedWhileAway.Remove(roomUuid);
        return joined;
    }

    private static string RejoinTimer(string roomUuid) => $"rejoin:{roomUuid}";

    private void RememberEchoWhileAway(string roomUuid, string messageUuid)
    {
        if (!_echoedWhileAway.TryGetValue(roomUuid, out var echoed))
            _echoedWhileAway[roomUuid] = echoed = new HashSet<string>(StringComparer.Ordinal);
        // Small rather than exact: past the bound a rejoin may repeat an own post, never lose one.
        if (echoed.Count >= MaxEchoesWhileAway)
            echoed.Clear();
        echoed.Add(messageUuid);
    }

    private void LeaveAll()
    {
        if (_roomsLogin is { } login)
        {
            foreach (var joined in _joined.Values)
                _rooms.Tell(new LeaveRoom(joined.Target.EntityId, login, Self));
        }
        foreach (var uuid in _joined.Keys.ToList())
            Forget(uuid);
        _deleting.Clear();
    }

    private bool Refuse(string reason)
    {
        SendError(reason);
        return true;
    }

    /// <summary>A room named by a frame: <see cref="Object"/> is canonical, <see cref="ClientObject"/> as the client wrote it.</summary>
    private sealed record RoomTarget(ChatRoomType Type, string Object, string ClientObject, string Label, string Uuid, string EntityId);

    /// <summary>
    /// A room joined on this socket; <see cref="Host"/> is the room actor that last answered, watched;
    /// <see cref="LastSeen"/> the newest message sent here, where a rejoin catches up from.
    /// </summary>
    private sealed record JoinedRoom(RoomTarget Target, bool ReadOnly, IActorRef? Host = null, string? LastSeen = null);

    private sealed record RejoinDue(string RoomUuid, TimeSpan Delay);

    private sealed record AwaitedAnswer(int Ticket, string Frame, RoomTarget Target, Func<object, bool> IsAnswer);

    private sealed record AnswerOverdue(int Ticket);

    private sealed record AccessResolved(int Generation, AccessAnswer? Answer, string Problem, Action<AccessAnswer?, string> Then, bool AckAfter);
}
