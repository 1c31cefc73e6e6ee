using Realtime.Actors.Access;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>
/// Delivers one node event to the sessions of the workspaces that contain it (PROTOCOL 4.2). Cost is
/// O(matching sessions): the rules run once per shared <see cref="WorkspaceAccess"/> (sessions with the same
/// roles share one) and each distinct frame is encoded once per workspace.
/// </summary>
public static class NodeEventFanOut
{
    /// <param name="encode">Builds the frame of a workspace and rule outcome (once each); the v1 frame by default.</param>
    public static void Deliver<TSession>(NodeChangeEvent change, RootPathIndex roots, SessionIndex<TSession> byWorkspace, Action<TSession, byte[]> send,
        Func<Workspace, NodeFrameKey, byte[]>? encode = null)
        where TSession : class, INodeEventRecipient
    {
        encode ??= (workspace, key) => NodeEventRules.Encode(change, workspace, key);
        var policy = PolicyOf(change);
        foreach (var workspace in WorkspacesOf(change, roots))
        {
            Dictionary<NodeFrameKey, byte[]>? frames = null;
            var decisions = new Dictionary<WorkspaceAccess, NodeFrameKey?>(ReferenceEqualityComparer.Instance);
            foreach (var session in byWorkspace[workspace.UUID])
            {
                if (policy is not null && !policy.Grants(session.Subjects))
                    continue;
                var access = session.Access.Workspaces[workspace.UUID];
                if (!decisions.TryGetValue(access, out var decision))
                    decisions[access] = decision = NodeEventRules.Decide(change, access);
                if (decision is not { } key)
                    continue;
                frames ??= [];
                if (!frames.TryGetValue(key, out var frame))
                    frames[key] = frame = encode(workspace, key);
                send(session, frame);
            }
        }
    }

    /// <summary>The frames one session gets for a node event, by the same rules (a replay of PROTOCOL 7.1).</summary>
    public static IEnumerable<byte[]> FramesFor(NodeChangeEvent change, RootPathIndex roots, INodeEventRecipient session, Func<Workspace, NodeFrameKey, byte[]> encode)
    {
        var policy = PolicyOf(change);
        if (policy is not null && !policy.Grants(session.Subjects))
            yield break;
        foreach (var workspace in WorkspacesOf(change, roots))
        {
            if (session.Access.Workspaces.TryGetValue(workspace.UUID, out var access) && NodeEventRules.Decide(change, access) is { } key)
                yield return encode(workspace, key);
        }
    }

    private static HashSet<Workspace> WorkspacesOf(NodeChangeEvent change, RootPathIndex roots)
    {
        var workspaces = new HashSet<Workspace>();
        roots.Collect(change.Source?.Path, workspaces);
        roots.Collect(change.Target?.Path, workspaces);
        return workspaces;
    }

    private static UserMetaPolicy? PolicyOf(NodeChangeEvent change) =>
        change.Type == NodeEventType.UPDATE_USER_META ? UserMetaPolicy.Parse(change.Source?.MetaStore) : null;
}
