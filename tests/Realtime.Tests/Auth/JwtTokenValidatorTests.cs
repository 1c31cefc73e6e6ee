using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Realtime.Actors.Auth;
using Xunit;

namespace Realtime.Tests.Auth;

public sealed class JwtTokenValidatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _owned.ForEach(d => d.Dispose());
        _dir.Dispose();
    }

    private static JwtSettings HmacSettings(params string[] keys) => new()
    {
        Issuer = TestKeys.Issuer,
        Audience = TestKeys.Audience,
        HmacKeys = keys.Length > 0 ? [.. keys] : [TestKeys.HmacKey1],
    };

    private static JwtTokenValidator HmacValidator(params string[] keys) => new(HmacSettings(keys));

    private JwtTokenValidator JwksValidator(string jwksJson, TimeProvider? time = null, JwtSettings? settings = null)
    {
        var path = _dir.File("jwks.json");
        File.WriteAllText(path, jwksJson);
        settings ??= HmacSettings();
        settings.JwksFile = path;
        var source = new JwksKeySource(settings, timeProvider: time);
        _owned.Add(source);
        return new JwtTokenValidator(settings, source);
    }

    private static async Task<string?> ErrorOf(JwtTokenValidator validator, string jwt)
    {
        var outcome = await validator.ValidateAsync(jwt);
        Assert.False(outcome.IsValid);
        return outcome.Error;
    }

    [Fact]
    public async Task Valid_hs256_yields_the_claims()
    {
        var exp = DateTime.UtcNow.AddMinutes(5);
        var outcome = await HmacValidator().ValidateAsync(TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Expires = exp));

        Assert.True(outcome.IsValid, outcome.Error);
        var claims = outcome.Claims!;
        Assert.Equal("user-uuid-1", claims.Subject);
        Assert.Equal("alice", claims.Login);
        Assert.Equal("admin", claims.Profile);
        Assert.Equal(["role-a", "role-b"], claims.Roles);
        Assert.Equal(new DateTimeOffset(exp).ToUnixTimeSeconds(), claims.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(TimeSpan.Zero, claims.ExpiresAt.Offset);
    }

    [Fact]
    public async Task Rotated_second_hmac_key_is_accepted()
    {
        var validator = HmacValidator(TestKeys.HmacKey1, TestKeys.HmacKey2);

        Assert.True((await validator.ValidateAsync(TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1)))).IsValid);
        Assert.True((await validator.ValidateAsync(TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey2)))).IsValid);
    }

    [Fact]
    public async Task Valid_rs256_via_jwks_file()
    {
        var rsa = TestKeys.Rsa("rsa-1");
        var validator = JwksValidator(TestKeys.JwksJson(rsa.Public));

        var outcome = await validator.ValidateAsync(TestKeys.Token(rsa.Signing));

        Assert.True(outcome.IsValid, outcome.Error);
        Assert.Equal("alice", outcome.Claims!.Login);
    }

    [Fact]
    public async Task Valid_es256_via_jwks_file()
    {
        var ec = TestKeys.EcP256("ec-1");
        var validator = JwksValidator(TestKeys.JwksJson(TestKeys.Rsa("rsa-1").Public, ec.Public));

        var outcome = await validator.ValidateAsync(TestKeys.Token(ec.Signing));

        Assert.True(outcome.IsValid, outcome.Error);
    }

    [Fact]
    public async Task Unknown_kid_triggers_a_refresh_that_finds_the_new_key()
    {
        var oldKey = TestKeys.Rsa("old");
        var newKey = TestKeys.Rsa("new");
        var validator = JwksValidator(TestKeys.JwksJson(oldKey.Public));
        Assert.True((await validator.ValidateAsync(TestKeys.Token(oldKey.Signing))).IsValid);

        File.WriteAllText(_dir.File("jwks.json"), TestKeys.JwksJson(oldKey.Public, newKey.Public));
        var outcome = await validator.ValidateAsync(TestKeys.Token(newKey.Signing));

        Assert.True(outcome.IsValid, outcome.Error);
    }

    [Fact]
    public async Task Forced_refreshes_are_rate_limited()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var key1 = TestKeys.Rsa("k1");
        var key2 = TestKeys.Rsa("k2");
        var key3 = TestKeys.Rsa("k3");
        var validator = JwksValidator(TestKeys.JwksJson(key1.Public), time);
        Assert.True((await validator.ValidateAsync(TestKeys.Token(key1.Signing))).IsValid);

        File.WriteAllText(_dir.File("jwks.json"), TestKeys.JwksJson(key1.Public, key2.Public));
        Assert.True((await validator.ValidateAsync(TestKeys.Token(key2.Signing))).IsValid);

        // A second unknown kid right after the forced refresh does not reload.
        File.WriteAllText(_dir.File("jwks.json"), TestKeys.JwksJson(key1.Public, key2.Public, key3.Public));
        Assert.Equal("invalid signature", await ErrorOf(validator, TestKeys.Token(key3.Signing)));

        time.Advance(JwksKeySource.MinForcedRefreshInterval);
        Assert.True((await validator.ValidateAsync(TestKeys.Token(key3.Signing))).IsValid);
    }

    [Fact]
    public async Task A_flood_of_unknown_kids_fetches_the_jwks_url_once()
    {
        var known = TestKeys.Rsa("known");
        var http = new CountingJwksHandler(TestKeys.JwksJson(known.Public));
        using var client = new HttpClient(http);
        var settings = HmacSettings();
        settings.JwksUrl = "https://idp.test/.well-known/jwks.json";
        using var source = new JwksKeySource(settings, client);
        var validator = new JwtTokenValidator(settings, source);
        Assert.True((await validator.ValidateAsync(TestKeys.Token(known.Signing))).IsValid);
        Assert.Equal(1, http.Requests);

        var attacker = RSA.Create(2048);
        var forged = Enumerable.Range(0, 20).Select(i =>
            TestKeys.Token(new SigningCredentials(new RsaSecurityKey(attacker) { KeyId = $"bogus-{i}" }, SecurityAlgorithms.RsaSha256)));
        var outcomes = await Task.WhenAll(forged.Select(t => validator.ValidateAsync(t)));

        Assert.All(outcomes, o => Assert.Equal("invalid signature", o.Error));
        Assert.Equal(2, http.Requests);
    }

    [Fact]
    public async Task Scheduled_refresh_drops_a_removed_key()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var revoked = TestKeys.Rsa("revoked");
        var kept = TestKeys.Rsa("kept");
        var validator = JwksValidator(TestKeys.JwksJson(revoked.Public, kept.Public), time);
        var token = TestKeys.Token(revoked.Signing);
        Assert.True((await validator.ValidateAsync(token)).IsValid);

        File.WriteAllText(_dir.File("jwks.json"), TestKeys.JwksJson(kept.Public));
        Assert.True((await validator.ValidateAsync(token)).IsValid);

        time.Advance(new JwtSettings().JwksRefreshInterval);
        Assert.Equal("invalid signature", await ErrorOf(validator, token));
    }

    [Fact]
    public async Task Unreadable_jwks_is_reported_and_hmac_tokens_still_work()
    {
        var settings = HmacSettings();
        settings.JwksFile = _dir.File("missing.json");
        using var source = new JwksKeySource(settings);
        var validator = new JwtTokenValidator(settings, source);

        Assert.Equal("invalid signature", await ErrorOf(validator, TestKeys.Token(TestKeys.Rsa("r").Signing)));
        Assert.True((await validator.ValidateAsync(TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1)))).IsValid);
        Assert.Equal(1, source.Failures);
        Assert.Null(source.LoadedAt);
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""")]
    [InlineData("""{"alg":"None"}""")]
    [InlineData("""{"typ":"JWT"}""")]
    public async Task Unsigned_token_is_rejected(string header)
    {
        var payload = $$"""{"iss":"{{TestKeys.Issuer}}","aud":"{{TestKeys.Audience}}","sub":"u","name":"mallory","exp":{{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}""";
        var jwt = $"{TestKeys.Base64Url(header)}.{TestKeys.Base64Url(payload)}.";

        Assert.Equal("algorithm not allowed", await ErrorOf(HmacValidator(), jwt));
    }

    [Fact]
    public async Task Algorithm_not_in_the_allowed_list_is_rejected()
    {
        var settings = HmacSettings();
        settings.AllowedAlgorithms = ["RS256"];
        var hs512 = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestKeys.HmacKey1 + TestKeys.HmacKey2)), SecurityAlgorithms.HmacSha512);

        Assert.Equal("algorithm not allowed", await ErrorOf(new JwtTokenValidator(settings), TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1))));
        Assert.Equal("algorithm not allowed", await ErrorOf(HmacValidator(), TestKeys.Token(hs512)));
    }

    [Fact]
    public async Task Hs256_signed_with_the_rsa_public_key_is_rejected()
    {
        var rsa = RSA.Create(2048);
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "rsa-1" });
        var validator = JwksValidator(TestKeys.JwksJson(publicJwk));

        foreach (var publicBytes in new[] { Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()), rsa.ExportSubjectPublicKeyInfo(), rsa.ExportRSAPublicKey() })
        {
            var forged = new SigningCredentials(new SymmetricSecurityKey(publicBytes) { KeyId = "rsa-1" }, SecurityAlgorithms.HmacSha256);
            Assert.Equal("invalid signature", await ErrorOf(validator, TestKeys.Token(forged)));
        }
    }

    [Fact]
    public async Task Symmetric_key_published_in_the_jwks_is_ignored()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var oct = new JsonWebKey { Kty = "oct", Kid = "oct-1", K = Base64UrlEncoder.Encode(secret) };
        var validator = JwksValidator(TestKeys.JwksJson(oct, TestKeys.Rsa("rsa-1").Public));
        var forged = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = "oct-1" }, SecurityAlgorithms.HmacSha256);

        Assert.Equal("invalid signature", await ErrorOf(validator, TestKeys.Token(forged)));
    }

    [Fact]
    public async Task Wrong_key_is_rejected()
    {
        Assert.Equal("invalid signature", await ErrorOf(HmacValidator(), TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey2))));

        var validator = JwksValidator(TestKeys.JwksJson(TestKeys.Rsa("rsa-1").Public));
        var other = TestKeys.Rsa("rsa-1");
        Assert.Equal("invalid signature", await ErrorOf(validator, TestKeys.Token(other.Signing)));
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var parts = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1)).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("alice", "admin");
        var jwt = $"{parts[0]}.{TestKeys.Base64Url(payload)}.{parts[2]}";

        Assert.Equal("invalid signature", await ErrorOf(HmacValidator(), jwt));
    }

    [Fact]
    public async Task Expired_beyond_the_skew_is_rejected()
    {
        var jwt = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-10);
            d.Expires = DateTime.UtcNow.AddSeconds(-31);
        });

        Assert.Equal("token expired", await ErrorOf(HmacValidator(), jwt));
    }

    [Fact]
    public async Task Expired_within_the_skew_is_accepted()
    {
        var jwt = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-10);
            d.Expires = DateTime.UtcNow.AddSeconds(-10);
        });

        var outcome = await HmacValidator().ValidateAsync(jwt);

        Assert.True(outcome.IsValid, outcome.Error);
    }

    [Fact]
    public async Task Not_before_in_the_future_is_rejected()
    {
        var jwt = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d =>
        {
            d.NotBefore = DateTime.UtcNow.AddMinutes(2);
            d.Expires = DateTime.UtcNow.AddMinutes(10);
        });

        Assert.Equal("token not yet valid", await ErrorOf(HmacValidator(), jwt));
    }

    [Fact]
    public async Task Token_without_exp_is_rejected()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestKeys.Issuer,
            Audience = TestKeys.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "u", ["name"] = "alice" },
            SigningCredentials = TestKeys.Hmac(TestKeys.HmacKey1),
        });

        Assert.Equal("token has no expiry", await ErrorOf(HmacValidator(), jwt));
    }

    [Fact]
    public async Task Wrong_issuer_is_rejected() =>
        Assert.Equal("invalid issuer", await ErrorOf(HmacValidator(), TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Issuer = "https://evil.test")));

    [Fact]
    public async Task Wrong_audience_is_rejected() =>
        Assert.Equal("invalid audience", await ErrorOf(HmacValidator(), TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Audience = "other-service")));

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0")]
    [InlineData("{\"@type\":\"subscribe\"}")]
    public async Task Malformed_token_is_rejected(string jwt) =>
        Assert.Equal("malformed token", await ErrorOf(HmacValidator(), jwt));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_token_is_rejected(string jwt) =>
        Assert.Equal("empty jwt", await ErrorOf(HmacValidator(), jwt));

    [Fact]
    public async Task Roles_as_comma_separated_string_and_as_json_array_keep_their_order()
    {
        var validator = HmacValidator();
        var fromString = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Claims["roles"] = "role-z, role-a,role-m");
        var fromArray = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Claims["roles"] = new[] { "role-z", "role-a", "role-m" });

        Assert.Equal(["role-z", "role-a", "role-m"], (await validator.ValidateAsync(fromString)).Claims!.Roles);
        Assert.Equal(["role-z", "role-a", "role-m"], (await validator.ValidateAsync(fromArray)).Claims!.Roles);
    }

    [Fact]
    public async Task Missing_roles_and_profile_mean_no_roles_and_standard()
    {
        var jwt = TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d =>
        {
            d.Claims.Remove("roles");
            d.Claims.Remove("profile");
        });

        var claims = (await HmacValidator().ValidateAsync(jwt)).Claims!;

        Assert.Empty(claims.Roles);
        Assert.Equal("standard", claims.Profile);
    }

    [Theory]
    [InlineData("sub", "missing sub claim")]
    [InlineData("name", "missing name claim")]
    public async Task Missing_identity_claim_is_rejected(string claim, string error) =>
        Assert.Equal(error, await ErrorOf(HmacValidator(), TestKeys.Token(TestKeys.Hmac(TestKeys.HmacKey1), d => d.Claims.Remove(claim))));

    [Fact]
    public void Invalid_settings_or_a_missing_key_source_refuse_construction()
    {
        Assert.Throws<ArgumentException>(() => new JwtTokenValidator(new JwtSettings { Issuer = "i", Audience = "a" }));

        var settings = HmacSettings();
        settings.JwksFile = _dir.File("jwks.json");
        Assert.Throws<ArgumentException>(() => new JwtTokenValidator(settings));
    }
}
