namespace Realtime.Actors.Access;

/// <summary>What one user may see: the accessible workspaces by UUID, computed by <see cref="AccessResolver"/>.</summary>
public sealed record UserAccess(IReadOnlyDictionary<string, WorkspaceAccess> Workspaces)
{
    public static readonly UserAccess None = new(new Dictionary<string, WorkspaceAccess>());
}
