using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Actors.Auth;

/// <summary>
/// Checks a JWS bearer token as PROTOCOL 3.3 asks: allowed algorithm (never <c>none</c>), signature by a configured
/// HMAC secret or a JWKS key, <c>iss</c>, <c>aud</c>, <c>exp</c> (required) and <c>nbf</c> with clock skew.
/// Errors are short phrases, safe to send to the client in an error frame.
/// </summary>
public sealed class JwtTokenValidator : ITokenValidator
{
    /// <summary>A token without a <c>profile</c> claim is an ordinary user, as in Cells.</summary>
    public const string DefaultProfile = "standard";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    // Shared by every HS token check (the keys never change), so a connect allocates no parameters of its own.
    private readonly TokenValidationParameters _hmacParameters;
    private readonly HashSet<string> _allowedAlgorithms;
    private readonly SymmetricSecurityKey[] _hmacKeys;
    private readonly JwksKeySource? _jwks;

    /// <param name="settings">Must pass <see cref="JwtSettings.Validate"/>.</param>
    /// <param name="jwks">Required when the settings name a JWKS file or URL; owned by the caller.</param>
    public JwtTokenValidator(JwtSettings settings, JwksKeySource? jwks = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("invalid JWT settings: " + string.Join("; ", errors), nameof(settings));
        if (settings.HasJwks != jwks is not null)
            throw new ArgumentException(settings.HasJwks
                ? "settings name a JWKS source but no JwksKeySource was given"
                : "a JwksKeySource was given but the settings name no JWKS source", nameof(jwks));

        _jwks = jwks;
        _allowedAlgorithms = new HashSet<string>(settings.EffectiveAlgorithms, StringComparer.Ordinal);
        _hmacKeys = settings.HmacKeys.Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k))).ToArray();
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = _allowedAlgorithms,
            ClockSkew = settings.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
        };
        _hmacParameters = _parameters.Clone();
        _hmacParameters.IssuerSigningKeys = _hmacKeys;
    }

    public async Task<TokenValidationOutcome> ValidateAsync(string jwt, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(jwt))
            return TokenValidationOutcome.Invalid(TokenRefusal.Empty, "empty jwt");

        JsonWebToken header;
        try
        {
            header = new JsonWebToken(jwt);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SecurityTokenException or System.Text.Json.JsonException)
        {
            return TokenValidationOutcome.Invalid(TokenRefusal.Malformed, "malformed token");
        }

        // Checked before the handler so the refusal is explicit and no key lookup happens for it.
        if (header.IsEncrypted || !_allowedAlgorithms.Contains(header.Alg))
            return TokenValidationOutcome.Invalid(TokenRefusal.Algorithm, "algorithm not allowed");

        var parameters = await ParametersAsync(header, cancellationToken).ConfigureAwait(false);
        // The parsed token is validated as it is: the text is parsed once.
        var result = await _handler.ValidateTokenAsync(header, parameters).ConfigureAwait(false);
        if (!result.IsValid)
            return Describe(result.Exception, header);

        return ReadClaims((JsonWebToken)result.SecurityToken);
    }

    /// <summary>
    /// HS tokens are checked only against the shared secrets and RS/ES tokens only against JWKS keys, so a token
    /// "signed" with a public key as HMAC secret has nothing to match.
    /// </summary>
    private async Task<TokenValidationParameters> ParametersAsync(JsonWebToken header, CancellationToken cancellationToken)
    {
        if (header.Alg.StartsWith("HS", StringComparison.Ordinal))
            return _hmacParameters;
        var parameters = _parameters.Clone();
        if (_jwks is null)
        {
            parameters.IssuerSigningKeys = [];
            return parameters;
        }
        var kid = header.TryGetHeaderValue<string>(JwtHeaderParameterNames.Kid, out var k) ? k : null;
        parameters.IssuerSigningKeys = await _jwks.GetKeysAsync(kid, cancellationToken).ConfigureAwait(false);
        return parameters;
    }

    private static TokenValidationOutcome ReadClaims(JsonWebToken token)
    {
        if (!token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var subject) || string.IsNullOrWhiteSpace(subject))
            return TokenValidationOutcome.Invalid(TokenRefusal.MissingClaim, "missing sub claim");
        if (!token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Name, out var login) || string.IsNullOrWhiteSpace(login))
            return TokenValidationOutcome.Invalid(TokenRefusal.MissingClaim, "missing name claim");
        var profile = token.TryGetPayloadValue<string>("profile", out var p) && !string.IsNullOrWhiteSpace(p) ? p : DefaultProfile;

        // A JSON array yields one claim per element, a string one claim; splitting on commas reads both.
        var roles = token.Claims
            .Where(c => c.Type == "roles")
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        DateTimeOffset? issuedAt = token.IssuedAt == DateTime.MinValue ? null : new DateTimeOffset(DateTime.SpecifyKind(token.IssuedAt, DateTimeKind.Utc));
        return TokenValidationOutcome.Valid(new TokenClaims(subject, login, profile, roles, expiresAt, issuedAt));
    }

    private static TokenValidationOutcome Describe(Exception? error, JsonWebToken header) => error switch
    {
        SecurityTokenExpiredException => TokenValidationOutcome.Invalid(TokenRefusal.Expired, "token expired"),
        SecurityTokenNotYetValidException => TokenValidationOutcome.Invalid(TokenRefusal.NotYetValid, "token not yet valid"),
        SecurityTokenNoExpirationException => TokenValidationOutcome.Invalid(TokenRefusal.NoExpiry, "token has no expiry"),
        SecurityTokenInvalidLifetimeException => TokenValidationOutcome.Invalid(TokenRefusal.Lifetime, "invalid token lifetime"),
        SecurityTokenInvalidIssuerException => TokenValidationOutcome.Invalid(TokenRefusal.Issuer, "invalid issuer"),
        SecurityTokenInvalidAudienceException => TokenValidationOutcome.Invalid(TokenRefusal.Audience, "invalid audience"),
        SecurityTokenInvalidAlgorithmException => TokenValidationOutcome.Invalid(TokenRefusal.Algorithm, "algorithm not allowed"),
        // A kind of invalid signature, told apart for operators only (a kid no key has: a rotation not seen yet?); the
        // handler throws it for tokens without a kid too, where no key verified the signature.
        SecurityTokenSignatureKeyNotFoundException when header.TryGetHeaderValue<string>(JwtHeaderParameterNames.Kid, out var kid) && kid.Length > 0
            => TokenValidationOutcome.Invalid(TokenRefusal.KeyNotFound, "invalid signature"),
        SecurityTokenInvalidSignatureException => TokenValidationOutcome.Invalid(TokenRefusal.Signature, "invalid signature"),
        SecurityTokenMalformedException => TokenValidationOutcome.Invalid(TokenRefusal.Malformed, "malformed token"),
        _ => TokenValidationOutcome.Invalid(TokenRefusal.Other, "invalid token"),
    };
}
