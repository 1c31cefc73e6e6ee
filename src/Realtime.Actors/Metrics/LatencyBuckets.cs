namespace Realtime.Actors.Metrics;

/// <summary>
/// Histogram buckets, in seconds, chosen for what each latency looks like when things are well and when they are not
/// (docs/DESIGN.md "Metrics").
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Event intake to socket write: sub-millisecond when idle, tens of ms under fan-out load, seconds when a socket is behind.</summary>
    public static readonly double[] Delivery = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Post arrival to journal confirmation: a local SQLite write is ~1 ms, PostgreSQL a few ms, a struggling database seconds.</summary>
    public static readonly double[] Persist = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Upgrade to accepted subscribe: a client sends its token at once (ms); a JWKS fetch adds up to seconds; AuthTimeout is 10 s.</summary>
    public static readonly double[] Connect = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}
