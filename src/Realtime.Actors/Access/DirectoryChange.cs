namespace Realtime.Actors.Access;

/// <summary>What an IDM change touched: ACLs of some roles, or one workspace.</summary>
public sealed record DirectoryChange(IReadOnlyList<string> Roles, string? WorkspaceId)
{
    public static readonly DirectoryChange Nothing = new([], null);

    public bool IsEmpty => Roles.Count == 0 && WorkspaceId is null;
}
