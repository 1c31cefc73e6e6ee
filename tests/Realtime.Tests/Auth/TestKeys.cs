using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Tests.Auth;

/// <summary>Real keys, JWKS documents and tokens for the auth tests.</summary>
internal static class TestKeys
{
    public const string Issuer = "https://cells.test";
    public const string Audience = "realtime";
    public const string HmacKey1 = "first-shared-secret-of-at-least-32-bytes!";
    public const string HmacKey2 = "second-shared-secret-of-at-least-32-bytes";

    public static SigningCredentials Hmac(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);

    public static (SigningCredentials Signing, JsonWebKey Public) Rsa(string kid)
    {
        var rsa = RSA.Create(2048);
        var publicKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid });
        return (new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256), publicKey);
    }

    public static (SigningCredentials Signing, JsonWebKey Public) EcP256(string kid)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicOnly = ECDsa.Create(ecdsa.ExportParameters(false));
        var publicKey = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicOnly) { KeyId = kid });
        return (new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256), publicKey);
    }

    public static string JwksJson(params JsonWebKey[] keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(k => new Dictionary<string, string?>
        {
            ["kty"] = k.Kty, ["kid"] = k.Kid, ["use"] = "sig",
            ["n"] = k.N, ["e"] = k.E, ["crv"] = k.Crv, ["x"] = k.X, ["y"] = k.Y, ["k"] = k.K,
        }.Where(p => p.Value is not null).ToDictionary()),
    });

    /// <summary>A token with the usual claims; <paramref name="tweak"/> changes the descriptor before signing.</summary>
    public static string Token(SigningCredentials credentials, Action<SecurityTokenDescriptor>? tweak = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "user-uuid-1",
                ["name"] = "alice",
                ["profile"] = "admin",
                ["roles"] = new[] { "role-a", "role-b" },
            },
        };
        tweak?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
