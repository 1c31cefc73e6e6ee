using Realtime.Messages.Settings;

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
        var rules = new OptionRules("Realtime:Drain")
            .NotNegative(nameof(UnreadyDelay), UnreadyDelay)
            .AtLeast(nameof(BatchSize), BatchSize, 1)
            .Positive(nameof(Interval), Interval);
        return rules.Check(Timeout > UnreadyDelay, $"{rules.Name(nameof(Timeout))} must be longer than {rules.Name(nameof(UnreadyDelay))}").Errors;
    }
}
