using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Messages.Identity;

namespace Realtime.Actors.Auth;

/// <summary>Mints HS256 tokens that <see cref="JwtTokenValidator"/> accepts, for the <c>token</c> command and tests.</summary>
public sealed class DevTokenIssuer
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    // Namespace of the name-based (RFC 9562 v5) user uuids; fixed so a login always maps to the same sub.
    private static readonly Guid SubjectNamespace = new("6f1c4a52-8a3e-4d0b-9b57-2f8e3c1d7a90");

    private readonly JsonWebTokenHandler _handler = new();
    private readonly string _issuer;
    private readonly string _audience;
    private readonly SigningCredentials _credentials;

    public DevTokenIssuer(string issuer, string audience, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentNullException.ThrowIfNull(secret);
        if (Encoding.UTF8.GetByteCount(secret) < JwtSettings.MinHmacKeyBytes)
            throw new ArgumentException($"the secret must be at least {JwtSettings.MinHmacKeyBytes} bytes", nameof(secret));
        _issuer = issuer;
        _audience = audience;
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
    }

    /// <param name="login">The <c>name</c> claim.</param>
    /// <param name="roles">Role uuids in order, written as a JSON array <c>roles</c> claim; none when null.</param>
    /// <param name="profile">The <c>profile</c> claim.</param>
    /// <param name="lifetime">Until <c>exp</c>; <see cref="DefaultLifetime"/> when null.</param>
    /// <param name="subject">The <c>sub</c> claim; <see cref="SubjectFor"/> of the login when null.</param>
    public string Issue(string login, IReadOnlyList<string>? roles = null, string profile = JwtTokenValidator.DefaultProfile,
        TimeSpan? lifetime = null, string? subject = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject ?? SubjectFor(login),
            [JwtRegisteredClaimNames.Name] = login,
            ["profile"] = profile,
            ["roles"] = (roles ?? []).ToArray(),
        };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? DefaultLifetime),
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }

    /// <summary>A stable uuid for a login (name-based, SHA-1, version 5), so dev tokens of one user share a sub.</summary>
    public static string SubjectFor(string login) => NameBasedUuid.V5(SubjectNamespace, login).ToString();
}
