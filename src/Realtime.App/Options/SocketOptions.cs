using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>Per-socket limits of PROTOCOL 3.3 (<c>Realtime:Sockets</c>).</summary>
public sealed class SocketOptions
{
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxFrameBytes { get; set; } = 64 * 1024;
    public int MaxInboundPerSecond { get; set; } = 50;
    /// <summary>Token-bucket burst; unset means twice <see cref="MaxInboundPerSecond"/> (100 for the default 50).</summary>
    public int? InboundBurst { get; set; }

    public int EffectiveInboundBurst => InboundBurst ?? 2 * MaxInboundPerSecond;
    public long MaxQueueBytes { get; set; } = 1024 * 1024;
    /// <summary>A socket holding more than <see cref="MaxQueueBytes"/> that finished no write for this long is closed 4008.</summary>
    public TimeSpan SlowConsumerTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TokenExpiryGrace { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Open sockets on this node (/ws and /chat together); one more upgrade gets 503 + Retry-After.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>Open sockets of one login on this node; a subscribe past it gets "too many connections" + 4029.</summary>
    public int MaxSocketsPerUser { get; set; } = 100;

    /// <summary>
    /// Plain HTTP/1.1 upgrades to a socket path are read straight from the connection, with no HTTP request kept
    /// per socket; false sends every upgrade through ASP.NET Core's HTTP stack (DESIGN "Hosting").
    /// </summary>
    public bool UpgradeOnConnection { get; set; } = true;

    /// <summary>How long a new connection's first bytes are waited for before it is left to Kestrel's HTTP stack.</summary>
    public TimeSpan FirstBytesTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allowed <c>Origin</c> values; empty allows all (development).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<string> Validate() => new OptionRules("Realtime:Sockets")
        .Positive(nameof(AuthTimeout), AuthTimeout)
        .AtLeast(nameof(MaxFrameBytes), MaxFrameBytes, 1)
        .AtLeast(nameof(MaxInboundPerSecond), MaxInboundPerSecond, 1)
        .AtLeast(nameof(InboundBurst), InboundBurst, 1)
        .AtLeast(nameof(MaxQueueBytes), MaxQueueBytes, 1)
        .Positive(nameof(SlowConsumerTimeout), SlowConsumerTimeout)
        .NotNegative(nameof(TokenExpiryGrace), TokenExpiryGrace)
        .Positive(nameof(PingInterval), PingInterval)
        .Positive(nameof(IdleTimeout), IdleTimeout)
        .Positive(nameof(CloseTimeout), CloseTimeout)
        .Positive(nameof(FirstBytesTimeout), FirstBytesTimeout)
        .AtLeast(nameof(MaxConnections), MaxConnections, 1)
        .AtLeast(nameof(MaxSocketsPerUser), MaxSocketsPerUser, 1)
        .Errors;
}
