using Realtime.Messages.Bus;

namespace Realtime.Actors.Routing;

/// <summary>
/// Which frame a session gets for a node event in one workspace. Sessions with equal keys in a workspace get the
/// same bytes, so the frame is encoded once per workspace and key, not per session.
/// </summary>
public readonly record struct NodeFrameKey(NodeEventType Type, RootNode? SourceRoot, RootNode? TargetRoot);
