namespace Realtime.Actors.Access;

/// <summary>Where and how long the gateway asks the platform for nodes it has not seen (PROTOCOL 6, NODE rooms).</summary>
/// <param name="Url">Base URL; a node is read at <c>&lt;Url&gt;/&lt;Uuid&gt;</c>.</param>
/// <param name="CacheSize">Most answers kept; the oldest goes first.</param>
/// <param name="CacheTtl">How long an answer (found or unknown) is reused.</param>
/// <param name="Timeout">Longest wait for one answer.</param>
public sealed record NodeLookupSettings(Uri Url, int CacheSize, TimeSpan CacheTtl, TimeSpan Timeout);
