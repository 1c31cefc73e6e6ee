using System.Text;

namespace Realtime.Actors.Auth;

/// <summary>Token checks of PROTOCOL 3.3, bound from the configuration section <c>Realtime:Jwt</c>.</summary>
public sealed class JwtSettings
{
    public const string SectionName = "Realtime:Jwt";

    /// <summary>HS256 with a shorter secret is brute-forceable (RFC 7518 3.2).</summary>
    public const int MinHmacKeyBytes = 32;

    /// <summary>Algorithms used when configuration lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultAlgorithms = ["HS256", "RS256", "ES256"];

    /// <summary>Every JWS algorithm this gateway can verify; anything else is a configuration error.</summary>
    public static readonly IReadOnlyList<string> KnownAlgorithms =
    [
        "HS256", "HS384", "HS512",
        "RS256", "RS384", "RS512",
        "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512",
    ];

    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>Shared secrets (their UTF-8 bytes); several so a key can be rotated without downtime.</summary>
    public List<string> HmacKeys { get; set; } = [];

    /// <summary>Path of a JWKS file with the RS/ES public keys.</summary>
    public string? JwksFile { get; set; }

    /// <summary>HTTP(S) address of a JWKS document with the RS/ES public keys.</summary>
    public string? JwksUrl { get; set; }

    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A node whose last successful JWKS load is older than this is not ready (<c>/readyz</c> check <c>jwks</c>): it
    /// still verifies tokens with the keys it has, but would miss a rotation.
    /// </summary>
    public TimeSpan JwksMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Token refusals (per reason) and JWKS load failures are logged at most once per this interval; the line counts the others.</summary>
    public TimeSpan LogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Empty by default because the configuration binder appends to a pre-filled list instead of replacing it,
    /// which would silently keep algorithms the operator meant to remove. Read <see cref="EffectiveAlgorithms"/>.
    /// </summary>
    public List<string> AllowedAlgorithms { get; set; } = [];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The configured algorithms, or <see cref="DefaultAlgorithms"/> when none are configured.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => AllowedAlgorithms.Count > 0 ? AllowedAlgorithms : DefaultAlgorithms;

    public bool HasJwks => !string.IsNullOrWhiteSpace(JwksFile) || !string.IsNullOrWhiteSpace(JwksUrl);

    /// <summary>Configuration errors, one readable line each; empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Issuer))
            errors.Add("Issuer is required");
        if (string.IsNullOrWhiteSpace(Audience))
            errors.Add("Audience is required");

        if (HmacKeys.Count == 0 && !HasJwks)
            errors.Add("no signing key source: set HmacKeys, JwksFile or JwksUrl");
        for (var i = 0; i < HmacKeys.Count; i++)
        {
            // Never echo the secret itself into logs.
            var bytes = Encoding.UTF8.GetByteCount(HmacKeys[i] ?? "");
            if (bytes < MinHmacKeyBytes)
                errors.Add($"HmacKeys[{i}] is {bytes} bytes; at least {MinHmacKeyBytes} are required");
        }

        if (!string.IsNullOrWhiteSpace(JwksFile) && !string.IsNullOrWhiteSpace(JwksUrl))
            errors.Add("set only one of JwksFile and JwksUrl");
        if (!string.IsNullOrWhiteSpace(JwksUrl)
            && !(Uri.TryCreate(JwksUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            errors.Add($"JwksUrl '{JwksUrl}' is not an absolute http(s) URL");
        if (HasJwks && JwksRefreshInterval <= TimeSpan.Zero)
            errors.Add("JwksRefreshInterval must be positive");
        if (HasJwks && JwksMaxAge < JwksRefreshInterval)
            errors.Add("JwksMaxAge must be at least JwksRefreshInterval");
        if (LogInterval <= TimeSpan.Zero)
            errors.Add("LogInterval must be positive");

        foreach (var alg in AllowedAlgorithms)
        {
            if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
                errors.Add("algorithm 'none' is never allowed");
            else if (!KnownAlgorithms.Contains(alg, StringComparer.Ordinal))
                errors.Add($"unknown algorithm '{alg}'");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
            errors.Add("ClockSkew must be between 0 and 5 minutes");
        return errors;
    }
}
