namespace Realtime.Actors.Auth;

/// <summary>Checks a bearer token (signature, issuer, audience, lifetime) and extracts the session claims.</summary>
public interface ITokenValidator
{
    Task<TokenValidationOutcome> ValidateAsync(string jwt, CancellationToken cancellationToken = default);
}
