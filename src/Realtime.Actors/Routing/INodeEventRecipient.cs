using Realtime.Actors.Access;

namespace Realtime.Actors.Routing;

/// <summary>What the node event fan-out needs to know of a session.</summary>
public interface INodeEventRecipient
{
    UserAccess Access { get; }

    /// <summary>The policy subjects of PROTOCOL 4.2 (<c>*</c>, <c>user:</c>, <c>profile:</c>, <c>role:</c>).</summary>
    IReadOnlyList<string> Subjects { get; }
}
