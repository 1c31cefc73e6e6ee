namespace Realtime.Actors.Auth;

/// <summary>Why a token was refused: the <c>reason</c> of refusal log lines and of <c>realtime_token_refusals_total</c>.</summary>
public enum TokenRefusal
{
    /// <summary>The <c>jwt</c> was empty.</summary>
    Empty,
    /// <summary>Not a JWS in compact form, or its header or payload is not JSON.</summary>
    Malformed,
    /// <summary>An algorithm that is not allowed (<c>none</c> among them), or an encrypted token.</summary>
    Algorithm,
    /// <summary>No configured key verifies the signature.</summary>
    Signature,
    /// <summary>The token names a <c>kid</c> that no configured key (JWKS included, after a reload) has.</summary>
    KeyNotFound,
    Issuer,
    Audience,
    Expired,
    NotYetValid,
    NoExpiry,
    Lifetime,
    /// <summary>No <c>sub</c> or no <c>name</c> claim.</summary>
    MissingClaim,
    /// <summary>Valid, but its user logged out since (IDM LOGOUT).</summary>
    Revoked,
    /// <summary>The check itself failed (e.g. it threw).</summary>
    Failed,
    /// <summary>Refused by the token handler for a reason not listed above.</summary>
    Other,
}
