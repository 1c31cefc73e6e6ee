using System.Text.Json.Serialization;

namespace Realtime.App.Hosting;

/// <summary>
/// The body of <c>/readyz</c>: each check by name. Ready when the node is an Up member, the journal answers, the
/// node receives bus events, its chat shard region is registered with the coordinator, the access directory is
/// loaded, it is not draining, and — only listed when configured — its NATS connection is open with the JetStream
/// consumer reading (<c>nats</c>) and it holds JWKS keys loaded within <c>Jwt:JwksMaxAge</c> (<c>jwks</c>).
/// </summary>
public sealed record ReadinessReport(
    [property: JsonPropertyName("member")] bool Member,
    [property: JsonPropertyName("journal")] bool Journal,
    [property: JsonPropertyName("bus")] bool Bus,
    [property: JsonPropertyName("shards")] bool Shards,
    [property: JsonPropertyName("directory")] bool Directory,
    [property: JsonPropertyName("draining")] bool Draining,
    [property: JsonPropertyName("nats"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Nats = null,
    [property: JsonPropertyName("jwks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Jwks = null)
{
    [JsonIgnore]
    public bool IsReady => Member && Journal && Bus && Shards && Directory && !Draining && Nats != false && Jwks != false;
}
