using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>What each node keeps so that v2 clients can resume after a reconnect (<c>Realtime:Recovery</c>, PROTOCOL 7).</summary>
public sealed class RecoveryOptions
{
    /// <summary>Events kept per node (and, with NATS, in the JetStream stream).</summary>
    public int MaxEvents { get; set; } = 10_000;

    /// <summary>Oldest event kept.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Frames one socket may be replayed; more missed than this answers <c>recovered:false</c>.</summary>
    public int MaxReplayFrames { get; set; } = 1_000;

    public IEnumerable<string> Validate() => new OptionRules("Realtime:Recovery")
        .AtLeast(nameof(MaxEvents), MaxEvents, 1)
        .Positive(nameof(MaxAge), MaxAge)
        .NotNegative(nameof(MaxReplayFrames), MaxReplayFrames)
        .Errors;
}
