using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// One workspace as one user sees it: the roots that grant access, the denied sub-trees inside it, and the
/// denied nodes by Uuid (hidden even when their path is not known, or before a move of them is tracked).
/// </summary>
public sealed record WorkspaceAccess(
    Workspace Workspace,
    IReadOnlyList<RootNode> VisibleRoots,
    IReadOnlyList<string> DenyPaths,
    IReadOnlyList<string> WritablePaths,
    IReadOnlySet<string> DeniedNodes);
