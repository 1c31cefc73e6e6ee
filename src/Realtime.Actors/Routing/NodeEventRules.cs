using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Realtime.Messages.Protocol;

namespace Realtime.Actors.Routing;

/// <summary>The per-workspace rules of PROTOCOL 4.2: visibility, UPDATE_PATH conversion, DELETE with Source only.</summary>
public static class NodeEventRules
{
    /// <summary>The frame this user gets in this workspace, or null when the event is invisible there.</summary>
    public static NodeFrameKey? Decide(NodeChangeEvent change, WorkspaceAccess access)
    {
        switch (change.Type)
        {
            case NodeEventType.READ:
                return null;
            case NodeEventType.DELETE:
            {
                var deleted = change.Source ?? change.Target;
                return deleted is not null && NodeVisibility.VisibleRoot(access, deleted) is { } root
                    ? new NodeFrameKey(NodeEventType.DELETE, root, null)
                    : null;
            }
            case NodeEventType.UPDATE_PATH:
            {
                var from = change.Source is { } s ? NodeVisibility.VisibleRoot(access, s) : null;
                var to = change.Target is { } t ? NodeVisibility.VisibleRoot(access, t) : null;
                return (from, to) switch
                {
                    (not null, not null) => new NodeFrameKey(NodeEventType.UPDATE_PATH, from, to),
                    (null, not null) => new NodeFrameKey(NodeEventType.CREATE, null, to),
                    (not null, null) => new NodeFrameKey(NodeEventType.DELETE, from, null),
                    _ => null,
                };
            }
            case NodeEventType.UPDATE_USER_META:
                return change.Target is { } meta && NodeVisibility.VisibleRoot(access, meta) is { } metaRoot
                    ? new NodeFrameKey(NodeEventType.UPDATE_USER_META, null, metaRoot)
                    : null;
            default:
            {
                if (change.Target is not { } target || NodeVisibility.VisibleRoot(access, target) is not { } root)
                    return null;
                var sourceRoot = change.Source is { } source ? NodeVisibility.VisibleRoot(access, source) : null;
                return new NodeFrameKey(change.Type, sourceRoot, root);
            }
        }
    }

    public static byte[] Encode(NodeChangeEvent change, Workspace workspace, NodeFrameKey key)
    {
        var source = key.SourceRoot is { } sourceRoot ? PathRewriter.ForWorkspace(workspace, sourceRoot, (change.Source ?? change.Target)!) : null;
        var target = key.TargetRoot is { } targetRoot ? PathRewriter.ForWorkspace(workspace, targetRoot, change.Target!) : null;
        return EventFrames.NodeEvent(key.Type, source, target);
    }
}
