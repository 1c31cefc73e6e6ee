namespace Realtime.Actors.Auth;

/// <summary>A valid token that an IDM LOGOUT revoked (<see cref="TokenRevocations"/>) is refused with "token revoked".</summary>
public sealed class RevocationCheckingValidator(ITokenValidator inner, TokenRevocations revocations) : ITokenValidator
{
    public const string Revoked = "token revoked";

    public async Task<TokenValidationOutcome> ValidateAsync(string jwt, CancellationToken cancellationToken = default)
    {
        var outcome = await inner.ValidateAsync(jwt, cancellationToken).ConfigureAwait(false);
        return outcome.Claims is { } claims && revocations.IsRevoked(claims) ? TokenValidationOutcome.Invalid(TokenRefusal.Revoked, Revoked) : outcome;
    }
}
