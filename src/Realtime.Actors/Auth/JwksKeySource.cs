using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Realtime.Actors.Metrics;

namespace Realtime.Actors.Auth;

/// <summary>
/// The RS/ES public keys of a JWKS (file or HTTP URL). Refreshed lazily every <see cref="JwtSettings.JwksRefreshInterval"/>,
/// and early when a token names an unknown <c>kid</c> (the issuer rotated keys), but at most once per
/// <see cref="MinForcedRefreshInterval"/> so a flood of made-up kids cannot hammer the JWKS endpoint. A failed load
/// keeps the previous keys, is counted (<see cref="Failures"/>) and logged as a Warning with the address and the error,
/// at most once per <see cref="JwtSettings.LogInterval"/>. Thread-safe.
/// </summary>
public sealed class JwksKeySource : IDisposable
{
    public static readonly TimeSpan MinForcedRefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>A JWKS is a few KiB; anything far larger is a misconfigured or hostile endpoint.</summary>
    private const long MaxDocumentBytes = 1024 * 1024;

    private readonly string? _file;
    private readonly Uri? _url;
    private readonly TimeSpan _refreshInterval;
    private readonly HttpClient? _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly LogThrottle _logThrottle;
    private long _failures;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    // Replaced as a whole so readers never see keys and schedule out of step.
    private volatile Snapshot _current;
    // UTC ticks; read without the lock on the fast path, hence Interlocked.
    private long _lastForcedRefreshTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <param name="settings">Uses <see cref="JwtSettings.JwksFile"/> or <see cref="JwtSettings.JwksUrl"/> and the refresh interval.</param>
    /// <param name="httpClient">For <see cref="JwtSettings.JwksUrl"/>; owned by the caller. When null an own client is created.</param>
    /// <param name="timeProvider">Clock for the refresh schedule; the system clock when null.</param>
    /// <param name="logger">Where failed loads are logged; nowhere when null.</param>
    public JwksKeySource(JwtSettings settings, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HasJwks)
            throw new ArgumentException("settings name neither JwksFile nor JwksUrl", nameof(settings));
        if (settings.JwksRefreshInterval <= TimeSpan.Zero)
            throw new ArgumentException("JwksRefreshInterval must be positive", nameof(settings));

        if (!string.IsNullOrWhiteSpace(settings.JwksUrl))
        {
            _url = new Uri(settings.JwksUrl, UriKind.Absolute);
            _ownsHttp = httpClient is null;
            _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = MaxDocumentBytes };
        }
        else
        {
            _file = settings.JwksFile;
        }

        _refreshInterval = settings.JwksRefreshInterval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _logThrottle = new LogThrottle(settings.LogInterval, _time);
        _current = new Snapshot([], new HashSet<string>(StringComparer.Ordinal), DateTimeOffset.MinValue, null);
    }

    /// <summary>The JWKS address or file, as logged.</summary>
    public string Source => _url?.ToString() ?? _file!;

    /// <summary>Loads that failed (unreachable, an HTTP error, not a JWKS) since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>When the keys in use were loaded; null until a load succeeded.</summary>
    public DateTimeOffset? LoadedAt => _current.LoadedAt;

    /// <summary>True when keys are loaded and the last successful load is at most <paramref name="maxAge"/> old.</summary>
    public bool HasFreshKeys(TimeSpan maxAge) =>
        _current is { Keys.Count: > 0, LoadedAt: { } loaded } && _time.GetUtcNow() - loaded <= maxAge;

    /// <summary>
    /// The current keys, loaded first if the refresh is due. When <paramref name="kid"/> is given and unknown,
    /// the JWKS is reloaded once (rate-limited). Load failures keep the previous keys and are retried later.
    /// </summary>
    public async Task<IReadOnlyList<SecurityKey>> GetKeysAsync(string? kid = null, CancellationToken cancellationToken = default)
    {
        var snapshot = _current;
        var now = _time.GetUtcNow();
        var unknownKid = !string.IsNullOrEmpty(kid) && !snapshot.KeyIds.Contains(kid);
        if (now < snapshot.NextRefresh && !(unknownKid && ForcedRefreshAllowed(now)))
            return snapshot.Keys;

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            snapshot = _current;
            now = _time.GetUtcNow();
            if (now >= snapshot.NextRefresh)
            {
                await RefreshAsync(now, cancellationToken).ConfigureAwait(false);
            }
            else if (!string.IsNullOrEmpty(kid) && !snapshot.KeyIds.Contains(kid) && ForcedRefreshAllowed(now))
            {
                Interlocked.Exchange(ref _lastForcedRefreshTicks, now.UtcTicks);
                await RefreshAsync(now, cancellationToken).ConfigureAwait(false);
            }

            return _current.Keys;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose()
    {
        _refreshLock.Dispose();
        if (_ownsHttp)
            _http!.Dispose();
    }

    private bool ForcedRefreshAllowed(DateTimeOffset now) =>
        now.UtcTicks - Interlocked.Read(ref _lastForcedRefreshTicks) >= MinForcedRefreshInterval.Ticks;

    private async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var json = _url is not null
                ? await _http!.GetStringAsync(_url, cancellationToken).ConfigureAwait(false)
                : await File.ReadAllTextAsync(_file!, cancellationToken).ConfigureAwait(false);
            var keys = new JsonWebKeySet(json).GetSigningKeys()
                // Only asymmetric keys: a symmetric ("oct") entry would let a JWKS publisher mint HS tokens.
                .Where(k => k is RsaSecurityKey or ECDsaSecurityKey)
                .ToArray();
            var ids = keys.Select(k => k.KeyId).Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
            _current = new Snapshot(keys, ids, now + _refreshInterval, now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Keep serving the last good keys; retry soon rather than on every token.
            _current = _current with { NextRefresh = now + MinForcedRefreshInterval };
            Interlocked.Increment(ref _failures);
            if (_logger is not null && _logThrottle.ShouldLog(Source, out var suppressed))
                _logger.LogWarning("JWKS from {Source} could not be loaded, keeping the {KeyCount} key(s) loaded at {LoadedAt}: {Error} ({Suppressed} earlier failure(s) not logged)",
                    Source, _current.Keys.Count, _current.LoadedAt?.ToString("O") ?? "never", ex.Message, suppressed);
        }
    }

    private sealed record Snapshot(IReadOnlyList<SecurityKey> Keys, IReadOnlySet<string> KeyIds, DateTimeOffset NextRefresh, DateTimeOffset? LoadedAt);
}
