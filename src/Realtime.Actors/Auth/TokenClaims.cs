namespace Realtime.Actors.Auth;

/// <summary>
/// The claims of PROTOCOL 4.1 that a session needs: who, which profile, which roles (in order), until when, and
/// since when (iat, for revocation; null when the token has none).
/// </summary>
public sealed record TokenClaims(
    string Subject,
    string Login,
    string Profile,
    IReadOnlyList<string> Roles,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? IssuedAt = null);
