namespace Realtime.Actors.Auth;

/// <summary>Either the claims of a valid token, or why it was refused: a reason and a human readable phrase for the client.</summary>
public sealed record TokenValidationOutcome(TokenClaims? Claims, string? Error, TokenRefusal? Refusal = null)
{
    public bool IsValid => Claims is not null;

    public static TokenValidationOutcome Valid(TokenClaims claims) => new(claims, null);

    public static TokenValidationOutcome Invalid(TokenRefusal refusal, string error) => new(null, error, refusal);
}
