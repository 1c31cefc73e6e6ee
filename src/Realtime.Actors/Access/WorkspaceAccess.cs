using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>One workspace as one user sees it: the roots that grant access and the denied sub-trees inside it.</summary>
public sealed record WorkspaceAccess(
    Workspace Workspace,
    IReadOnlyList<RootNode> VisibleRoots,
    IReadOnlyList<string> DenyPaths,
    IReadOnlyList<string> WritablePaths);
