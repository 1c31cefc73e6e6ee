namespace Realtime.Actors.Recovery;

/// <summary>What the router keeps for clients that resume (PROTOCOL 7) and for ingest retries (PROTOCOL 5).</summary>
public sealed record RecoverySettings(int MaxEvents, TimeSpan MaxAge, int MaxReplayFrames, TimeSpan DedupeWindow)
{
    public static readonly RecoverySettings Default = new(10_000, TimeSpan.FromMinutes(10), 1_000, TimeSpan.FromMinutes(2));

    /// <summary>How long a resume waits for this node to read up to the client's cursor (it came from a faster node).</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);
}
