namespace Realtime.Actors.Auth;

/// <summary>Either the claims of a valid token, or a human readable reason it was refused.</summary>
public sealed record TokenValidationOutcome(TokenClaims? Claims, string? Error)
{
    public bool IsValid => Claims is not null;

    public static TokenValidationOutcome Valid(TokenClaims claims) => new(claims, null);

    public static TokenValidationOutcome Invalid(string error) => new(null, error);
}
