using System.Text;
using Akka.Actor;
using Realtime.Actors.Access;
using Realtime.Actors.Auth;
using Realtime.Actors.Recovery;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;
using Realtime.Tests.Access;
using Xunit;

namespace Realtime.Tests.Routing;

/// <summary>
/// The partitioned router (4 partitions, each with its own indexes, one shared access snapshot, frames encoded once
/// per workspace, re-evaluation on directory changes) delivers exactly what a straightforward model of PROTOCOL 4
/// computes by asking every session about every event, for a seeded random mix of 100,000 node, task and IDM events
/// (ACL and workspace changes) and session re-subscriptions, as v1 or v2 (positions on frames, node events not coalesced).
/// </summary>
public sealed class RoutingEquivalenceTests : RouterTestKit
{
    private const int Events = 100_000;
    private const int SessionCount = 30;
    private const int Window = 50;
    private const int Partitions = 4;
    private const string Origin = "t";
    private static readonly string[] Roles = ["r0", "r1", "r2", "r3", "r4"];
    private static readonly string[] Actions = ["read", "write", "deny"];

    private readonly Random _random = new(20261207);

    private sealed class ModelSession(IActorRef actor, RecordingFrameSink sink)
    {
        public IActorRef Actor { get; } = actor;
        public RecordingFrameSink Sink { get; } = sink;
        public TokenClaims Identity { get; set; } = null!;
        public int Version { get; set; } = 1;
        public List<string> Expected { get; } = [];

        /// <summary>The frame as this session gets it: v2 sessions (PROTOCOL 7) with the position after the event.</summary>
        public void Expect(byte[] frame, long sequence) =>
            Expected.Add(Text(Version >= 2 ? EventFrames.WithPosition(frame, StreamCursor.Format(new Dictionary<string, long> { [Origin] = sequence })) : frame));
    }

    [Fact]
    public void The_router_delivers_what_the_reference_model_computes()
    {
        var snapshot = Snapshot();
        StartRouter(directory: TestDirectory.Parse(snapshot), partitions: Partitions);
        var model = TestDirectory.Parse(snapshot);
        var sessions = new List<ModelSession>();
        for (var i = 0; i < SessionCount; i++)
        {
            var session = new ModelSession(CreateTestProbe().Ref, new RecordingFrameSink());
            sessions.Add(session);
            Subscribe(session, i);
        }
        Assert.True(sessions.Select(s => RouterPartition.IndexOf(s.Actor, Partitions)).Distinct().Count() > 1, "every session hashed to one partition");

        var checkedFrames = 0;
        for (var n = 1; n <= Events; n++)
        {
            var roll = _random.Next(100);
            if (roll < 3)
                Subscribe(sessions[_random.Next(SessionCount)], _random.Next(1000));
            else if (roll < 11)
                Route(BusTopic.Task, TaskJson(sessions), n, model, sessions);
            else if (roll < 17)
                Route(BusTopic.Idm, AclJson(), n, model, sessions);
            else if (roll < 19)
                Route(BusTopic.Idm, WorkspaceJson(), n, model, sessions);
            else
                Route(BusTopic.Tree, NodeJson(), n, model, sessions);
            if (n % Window == 0)
                checkedFrames += CompareWindow(sessions);
        }
        checkedFrames += CompareWindow(sessions);
        Assert.True(checkedFrames > Events, $"only {checkedFrames} frames compared");
    }

    private void Subscribe(ModelSession session, int seed)
    {
        var roles = Roles.Where((_, i) => ((seed >> i) & 1) == 1).ToArray();
        var login = "u" + _random.Next(12);
        var profile = _random.Next(10) == 0 ? TopicRouter.AdminProfile : "standard";
        session.Identity = new TokenClaims("sub-" + login, login, profile, roles, DateTimeOffset.UtcNow.AddHours(1));
        session.Version = _random.Next(3) == 0 ? 2 : 1;
        Router.Tell(new RegisterSession(session.Actor, session.Identity, session.Sink, session.Version));
        ExpectMsg<SessionRegistered>();
    }

    private void Route(BusTopic topic, string json, long sequence, AccessDirectory model, List<ModelSession> sessions)
    {
        Router.Tell(new BusEvent(topic, Encoding.UTF8.GetBytes(json), new StreamPosition(Origin, sequence)));
        var change = BusEventParser.Parse(topic, Encoding.UTF8.GetBytes(json));
        switch (change)
        {
            case NodeChangeEvent node when node.Type != NodeEventType.READ:
                model.Track(node);
                foreach (var session in sessions)
                {
                    foreach (var frame in NodeFrames(node, AccessResolver.Resolve(model, session.Identity.Roles)))
                        session.Expect(frame, sequence);
                }
                break;
            case TaskChangeEvent task:
                var owner = task.TaskUpdated.TriggerOwner;
                foreach (var session in sessions.Where(s => owner == TaskChangeEvent.SystemUser ? s.Identity.Profile == TopicRouter.AdminProfile : s.Identity.Login == owner))
                    session.Expect(EventFrames.Task(task), sequence);
                break;
            case IdmChangeEvent idm:
                var before = sessions.ToDictionary(s => s, s => AccessResolver.Resolve(model, s.Identity.Roles));
                model.Apply(idm);
                foreach (var session in sessions.Where(s => IsIdmRecipient(idm, s, before[s], AccessResolver.Resolve(model, s.Identity.Roles))))
                    session.Expect(EventFrames.Idm(idm), sequence);
                break;
        }
    }

    /// <summary>PROTOCOL 4.2 asked of one session: every workspace of its access whose roots contain the node.</summary>
    private static IEnumerable<byte[]> NodeFrames(NodeChangeEvent change, UserAccess access)
    {
        foreach (var (_, workspaceAccess) in access.Workspaces)
        {
            var workspace = workspaceAccess.Workspace;
            var touches = workspace.RootNodes.Any(r =>
                (change.Source is { } s && PathRules.IsInside(s.Path, r.Path)) || (change.Target is { } t && PathRules.IsInside(t.Path, r.Path)));
            if (touches && NodeEventRules.Decide(change, workspaceAccess) is { } key)
                yield return NodeEventRules.Encode(change, workspace, key);
        }
    }

    /// <summary>PROTOCOL 4.4 asked of one session: the ACL's role, or the workspace seen before or after.</summary>
    private static bool IsIdmRecipient(IdmChangeEvent change, ModelSession session, UserAccess before, UserAccess after) =>
        change.Acl is { RoleID.Length: > 0 } acl ? session.Identity.Roles.Contains(acl.RoleID)
        : change.Workspace is { } workspace && (before.Workspaces.ContainsKey(workspace.UUID) || after.Workspaces.ContainsKey(workspace.UUID));

    /// <summary>Both sides, event by event in order; within a window the frames of one event may come in any order.</summary>
    private int CompareWindow(List<ModelSession> sessions)
    {
        Barrier();
        var compared = 0;
        foreach (var session in sessions)
        {
            var got = session.Sink.Events.ToList();
            Assert.Equal(session.Expected.Order(StringComparer.Ordinal), got.Order(StringComparer.Ordinal));
            compared += got.Count;
            session.Sink.Clear();
            session.Expected.Clear();
        }
        return compared;
    }

    private string NodeJson()
    {
        var type = new[] { "CREATE", "UPDATE_CONTENT", "UPDATE_META", "DELETE", "UPDATE_PATH" }[_random.Next(5)];
        var uuid = "n" + _random.Next(300);
        var node = Node(uuid, RandomPath());
        return type switch
        {
            "DELETE" => "{\"Type\":\"DELETE\",\"Source\":" + node + "}",
            "UPDATE_PATH" => "{\"Type\":\"UPDATE_PATH\",\"Source\":" + node + ",\"Target\":" + Node(uuid, RandomPath()) + "}",
            _ => "{\"Type\":\"" + type + "\",\"Target\":" + node + "}",
        };
    }

    private static string Node(string uuid, string path) => "{\"Uuid\":\"" + uuid + "\",\"Path\":\"" + path + "\",\"Type\":\"LEAF\"}";

    private string RandomPath()
    {
        var root = new[] { "ds/w0", "ds/w1", "ds/w2", "ds/w3", "ds/w0/sub", "ds/elsewhere" }[_random.Next(6)];
        var folder = new[] { "", "/secret", "/docs", "/secret/deep" }[_random.Next(4)];
        return $"{root}{folder}/f{_random.Next(50)}";
    }

    private string TaskJson(List<ModelSession> sessions)
    {
        var owner = _random.Next(6) == 0 ? TaskChangeEvent.SystemUser : sessions[_random.Next(sessions.Count)].Identity.Login;
        return "{\"TaskUpdated\":{\"ID\":\"t" + _random.Next(1000) + "\",\"Status\":\"Running\",\"TriggerOwner\":\"" + owner + "\"}}";
    }

    private string AclJson()
    {
        var role = Roles[_random.Next(Roles.Length)];
        var node = new[] { "root-0", "root-1", "root-2", "root-3", "root-sub", "n-secret", "n1", "n2" }[_random.Next(8)];
        var action = Actions[_random.Next(Actions.Length)];
        var type = _random.Next(3) == 0 ? "DELETE" : "CREATE";
        return "{\"Type\":\"" + type + "\",\"Acl\":{\"RoleID\":\"" + role + "\",\"WorkspaceID\":\"ws-" + _random.Next(4) +
               "\",\"NodeID\":\"" + node + "\",\"Action\":{\"Name\":\"" + action + "\",\"Value\":\"1\"}}}";
    }

    private string WorkspaceJson()
    {
        var i = _random.Next(5);
        var root = "root-" + (i % 4);
        return _random.Next(4) == 0
            ? "{\"Type\":\"DELETE\",\"Workspace\":{\"UUID\":\"ws-" + i + "\"}}"
            : "{\"Type\":\"UPDATE\",\"Workspace\":{\"UUID\":\"ws-" + i + "\",\"Slug\":\"space" + i + "\",\"Label\":\"L" + _random.Next(9) +
              "\",\"RootNodes\":{\"" + root + "\":{\"Uuid\":\"" + root + "\",\"Path\":\"ds/w" + (i % 4) + "\"}}}}";
    }

    private static string Snapshot()
    {
        var workspaces = string.Join(",", Enumerable.Range(0, 4).Select(i =>
            "{ \"UUID\":\"ws-" + i + "\", \"Slug\":\"space" + i + "\", \"RootNodes\": { \"root-" + i + "\": { \"Uuid\":\"root-" + i + "\", \"Path\":\"ds/w" + i + "\" } } }"));
        workspaces += ",{ \"UUID\":\"ws-sub\", \"Slug\":\"sub\", \"RootNodes\": { \"root-sub\": { \"Uuid\":\"root-sub\", \"Path\":\"ds/w0/sub\" } } }";
        var acls = string.Join(",", Roles.Select((role, i) =>
            "{ \"ID\":\"a" + i + "\", \"RoleID\":\"" + role + "\", \"WorkspaceID\":\"ws-" + (i % 4) + "\", \"NodeID\":\"root-" + (i % 4) + "\", \"Action\": { \"Name\":\"read\", \"Value\":\"1\" } }"));
        acls += ",{ \"ID\":\"d0\", \"RoleID\":\"r0\", \"WorkspaceID\":\"ws-0\", \"NodeID\":\"n-secret\", \"Action\": { \"Name\":\"deny\", \"Value\":\"1\" } }";
        acls += ",{ \"ID\":\"s0\", \"RoleID\":\"r1\", \"WorkspaceID\":\"ws-sub\", \"NodeID\":\"root-sub\", \"Action\": { \"Name\":\"read\", \"Value\":\"1\" } }";
        return "{ \"Workspaces\": [" + workspaces + "], \"Acls\": [" + acls + "], \"Nodes\": [ { \"Uuid\":\"n-secret\", \"Path\":\"ds/w0/secret\" } ] }";
    }

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);
}
