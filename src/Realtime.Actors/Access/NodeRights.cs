namespace Realtime.Actors.Access;

/// <summary>The flattened actions of one user on one node (PROTOCOL 4.1).</summary>
[Flags]
public enum NodeRights
{
    None = 0,
    Read = 1,
    Write = 2,
    Deny = 4,
}
