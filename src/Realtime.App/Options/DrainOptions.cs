namespace Realtime.App.Options;

/// <summary>Graceful drain on SIGTERM (<c>Realtime:Drain</c>): unready first, then sockets closed with 1012 in batches.</summary>
public sealed class DrainOptions
{
    /// <summary>How long /readyz reports draining before the first socket is closed (load balancers catch up).</summary>
    public TimeSpan UnreadyDelay { get; set; } = TimeSpan.FromSeconds(1);
    public int BatchSize { get; set; } = 100;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The whole drain gives up after this; Kubernetes' terminationGracePeriodSeconds must be longer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (UnreadyDelay < TimeSpan.Zero) yield return "Drain:UnreadyDelay must not be negative";
        if (BatchSize < 1) yield return "Drain:BatchSize must be at least 1";
        if (Interval <= TimeSpan.Zero) yield return "Drain:Interval must be positive";
        if (Timeout <= UnreadyDelay) yield return "Drain:Timeout must be longer than Drain:UnreadyDelay";
    }
}
