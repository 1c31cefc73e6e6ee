using Realtime.Actors.Access;
using Realtime.Actors.Routing;

namespace Realtime.Benchmarks;

/// <summary>A routed session as the fan-out sees it; counts the bytes it was given so nothing is optimised away.</summary>
public sealed class BenchSession(UserAccess access) : INodeEventRecipient
{
    public UserAccess Access { get; } = access;
    public IReadOnlyList<string> Subjects { get; } = [];
    public long Bytes;

    /// <summary>Routes one node event to the indexed sessions as the router does; returns the frames sent.</summary>
    public static long FanOut(Realtime.Messages.Bus.NodeChangeEvent change, RootPathIndex roots, SessionIndex<BenchSession> byWorkspace)
    {
        long sent = 0;
        NodeEventFanOut.Deliver(change, roots, byWorkspace, (session, frame) =>
        {
            session.Bytes += frame.Length;
            sent++;
        });
        return sent;
    }
}
