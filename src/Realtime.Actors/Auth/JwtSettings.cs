using System.Text;
using Realtime.Messages.Settings;

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
        var rules = new OptionRules(SectionName);
        string Name(string setting) => rules.Name(setting);
        rules.Check(!string.IsNullOrWhiteSpace(Issuer), $"{Name(nameof(Issuer))} is required")
            .Check(!string.IsNullOrWhiteSpace(Audience), $"{Name(nameof(Audience))} is required")
            .Check(HmacKeys.Count > 0 || HasJwks,
                $"no signing key source: set {Name(nameof(HmacKeys))}, {Name(nameof(JwksFile))} or {Name(nameof(JwksUrl))}");
        for (var i = 0; i < HmacKeys.Count; i++)
        {
            // Never echo the secret itself into logs.
            var bytes = Encoding.UTF8.GetByteCount(HmacKeys[i] ?? "");
            rules.Check(bytes >= MinHmacKeyBytes, $"{Name(nameof(HmacKeys))}[{i}] is {bytes} bytes; at least {MinHmacKeyBytes} are required");
        }

        rules.Check(string.IsNullOrWhiteSpace(JwksFile) || string.IsNullOrWhiteSpace(JwksUrl),
                $"set only one of {Name(nameof(JwksFile))} and {Name(nameof(JwksUrl))}")
            .Check(string.IsNullOrWhiteSpace(JwksUrl)
                || (Uri.TryCreate(JwksUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)),
                $"{Name(nameof(JwksUrl))} '{JwksUrl}' is not an absolute http(s) URL");
        if (HasJwks)
            rules.Positive(nameof(JwksRefreshInterval), JwksRefreshInterval)
                .Check(JwksMaxAge >= JwksRefreshInterval, $"{Name(nameof(JwksMaxAge))} must be at least {Name(nameof(JwksRefreshInterval))}");
        rules.Positive(nameof(LogInterval), LogInterval);

        foreach (var alg in AllowedAlgorithms)
        {
            if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
                rules.Check(false, $"{Name(nameof(AllowedAlgorithms))}: algorithm 'none' is never allowed");
            else
                rules.Check(KnownAlgorithms.Contains(alg, StringComparer.Ordinal), $"{Name(nameof(AllowedAlgorithms))}: unknown algorithm '{alg}'");
        }

        return rules.Between(nameof(ClockSkew), ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5)).Errors;
    }
}
