using BenchmarkDotNet.Attributes;
using Realtime.Actors.Access;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;

namespace Realtime.Benchmarks;

/// <summary>
/// One node event routed to N sessions spread over W workspaces that all contain the node: the body of
/// <c>TopicRouter.DeliverNodeEvent</c>, without the actor. Baseline: the frame is rewritten and encoded for
/// every session. Ours: <see cref="NodeEventRules.Decide"/> once per shared <see cref="WorkspaceAccess"/>, encode once
/// per workspace and key, as src does.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private readonly SessionIndex<BenchSession> _byWorkspace = new();
    private RootPathIndex _roots = null!;
    private NodeChangeEvent _event = null!;

    [Params(1_000, 10_000)]
    public int Sessions { get; set; }

    [Params(2, 20)]
    public int Workspaces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = BenchData.Directory(Workspaces);
        _roots = new RootPathIndex(directory.Workspaces);
        var accessByRole = new Dictionary<int, UserAccess>();
        for (var i = 0; i < Workspaces; i++)
            accessByRole[i] = AccessResolver.Resolve(directory, [$"role-{i}"]);
        for (var s = 0; s < Sessions; s++)
        {
            var session = new BenchSession(accessByRole[s % Workspaces]);
            foreach (var workspace in session.Access.Workspaces.Keys)
                _byWorkspace.Add(workspace, session);
        }
        _event = BenchData.NodeEvent();
    }

    [Benchmark(Baseline = true, Description = "encode per session (naive)")]
    public long EncodePerSession()
    {
        long sent = 0;
        foreach (var workspace in Collect())
        {
            foreach (var session in _byWorkspace[workspace.UUID])
            {
                if (NodeEventRules.Decide(_event, session.Access.Workspaces[workspace.UUID]) is not { } key)
                    continue;
                var frame = NodeEventRules.Encode(_event, workspace, key);
                session.Bytes += frame.Length;
                sent++;
            }
        }
        return sent;
    }

    /// <summary>What the router runs (<see cref="NodeEventFanOut"/>): decide per shared access, encode per workspace and key.</summary>
    [Benchmark(Description = "decide per access, encode per workspace (ours)")]
    public long DecideOncePerAccess() => BenchSession.FanOut(_event, _roots, _byWorkspace);

    private HashSet<Workspace> Collect()
    {
        var workspaces = new HashSet<Workspace>();
        _roots.Collect(_event.Source?.Path, workspaces);
        _roots.Collect(_event.Target?.Path, workspaces);
        return workspaces;
    }
}
