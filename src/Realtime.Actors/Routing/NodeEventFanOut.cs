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
    public static void Deliver<TSession>(NodeChangeEvent change, RootPathIndex roots, SessionIndex<TSession> byWorkspace, Action<TSession, byte[]> send)
        where TSession : class, INodeEventRecipient
    {
        var workspaces = new HashSet<Workspace>();
        roots.Collect(change.Source?.Path, workspaces);
        roots.Collect(change.Target?.Path, workspaces);
        var policy = change.Type == NodeEventType.UPDATE_USER_META ? UserMetaPolicy.Parse(change.Source?.MetaStore) : null;
        foreach (var workspace in workspaces)
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
                    frames[key] = frame = NodeEventRules.Encode(change, workspace, key);
                send(session, frame);
            }
        }
    }
}
