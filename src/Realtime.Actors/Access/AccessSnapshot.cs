using System.Collections.Concurrent;
using Realtime.Actors.Routing;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Access;

/// <summary>
/// The directory frozen as routing needs it: the workspaces and their root path index, the ACLs by role and the
/// paths of the nodes they are on. The router takes one after every directory change and its partitions share that
/// instance; a user's access is resolved once per role list and snapshot, by whichever thread asks first, so
/// sessions with the same roles share one <see cref="UserAccess"/> (the fan-out decides once per shared access).
/// </summary>
public sealed class AccessSnapshot
{
    private readonly ILookup<string, Acl> _aclsByRole;
    private readonly IReadOnlyDictionary<string, string> _aclNodePaths;
    private readonly IReadOnlyList<Workspace> _workspaces;
    private readonly ConcurrentDictionary<string, UserAccess> _accessByRoles = new(StringComparer.Ordinal);

    public AccessSnapshot(IReadOnlyList<Workspace> workspaces, IEnumerable<Acl> acls, IReadOnlyDictionary<string, string> aclNodePaths)
    {
        _workspaces = workspaces;
        _aclsByRole = AccessResolver.ByRole(acls);
        _aclNodePaths = aclNodePaths;
        Roots = new RootPathIndex(workspaces);
    }

    /// <summary>Root path → workspaces: which workspaces contain a node.</summary>
    public RootPathIndex Roots { get; }

    public UserAccess AccessFor(IReadOnlyList<string> roles) =>
        _accessByRoles.GetOrAdd(string.Join('\n', roles), static (_, state) =>
            AccessResolver.Resolve(state.Self._aclsByRole, state.Self._aclNodePaths.GetValueOrDefault, state.Self._workspaces, state.Roles), (Self: this, Roles: roles));
}
