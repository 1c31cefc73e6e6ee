using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Realtime.Actors.Access;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;

namespace Realtime.Benchmarks;

/// <summary>
/// Routing cost against sessions the event does not concern (issue 7: flat from 1,000 to 100,000): 10 sessions see
/// the node's workspace, N others are spread over 100 workspaces elsewhere. Baseline: asking every session whether
/// it sees the node. Ours: <see cref="NodeEventFanOut"/>, which only looks at the workspaces containing the path.
/// </summary>
[MemoryDiagnoser]
public class UnmatchedSessionsBenchmarks
{
    private const int OtherWorkspaces = 100;
    private const int MatchingSessions = 10;

    private readonly SessionIndex<BenchSession> _byWorkspace = new();
    private readonly List<BenchSession> _all = [];
    private RootPathIndex _roots = null!;
    private NodeChangeEvent _event = null!;

    [Params(1_000, 10_000, 100_000)]
    public int UnmatchedSessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Directory();
        _roots = new RootPathIndex(directory.Workspaces);
        var matching = AccessResolver.Resolve(directory, ["role-match"]);
        var others = Enumerable.Range(0, OtherWorkspaces).Select(i => AccessResolver.Resolve(directory, [$"role-{i}"])).ToArray();
        for (var s = 0; s < MatchingSessions + UnmatchedSessions; s++)
        {
            var session = new BenchSession(s < MatchingSessions ? matching : others[s % OtherWorkspaces]);
            _all.Add(session);
            foreach (var workspace in session.Access.Workspaces.Keys)
                _byWorkspace.Add(workspace, session);
        }
        _event = BenchData.NodeEvent();
    }

    [Benchmark(Baseline = true, Description = "ask every session (naive)")]
    public long AskEverySession()
    {
        long sent = 0;
        foreach (var session in _all)
        {
            foreach (var (_, access) in session.Access.Workspaces)
            {
                if (NodeEventRules.Decide(_event, access) is { } key)
                {
                    session.Bytes += NodeEventRules.Encode(_event, access.Workspace, key).Length;
                    sent++;
                }
            }
        }
        return sent;
    }

    [Benchmark(Description = "workspaces containing the path (ours)")]
    public long FanOut() => BenchSession.FanOut(_event, _roots, _byWorkspace);

    /// <summary>ws-match mounts the event's folder; ws-0..99 mount folders of their own.</summary>
    private static AccessDirectory Directory()
    {
        var ws = new StringBuilder($$"""{ "UUID": "ws-match", "Slug": "match", "RootNodes": { "n-match": { "Uuid": "n-match", "Path": "{{BenchData.SharedRoot}}" } } }""");
        var acls = new StringBuilder("""{ "ID": "m", "RoleID": "role-match", "WorkspaceID": "ws-match", "NodeID": "n-match", "Action": { "Name": "read", "Value": "1" } }""");
        for (var i = 0; i < OtherWorkspaces; i++)
        {
            ws.Append($$""",{ "UUID": "ws-{{i}}", "Slug": "other{{i}}", "RootNodes": { "n-{{i}}": { "Uuid": "n-{{i}}", "Path": "ds/other-{{i}}" } } }""");
            acls.Append($$""",{ "ID": "r{{i}}", "RoleID": "role-{{i}}", "WorkspaceID": "ws-{{i}}", "NodeID": "n-{{i}}", "Action": { "Name": "read", "Value": "1" } }""");
        }
        using var document = JsonDocument.Parse($$"""{ "Workspaces": [{{ws}}], "Acls": [{{acls}}] }""");
        return AccessDirectory.FromSnapshot(document.RootElement);
    }
}
