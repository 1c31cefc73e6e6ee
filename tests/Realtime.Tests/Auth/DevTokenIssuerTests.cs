using Realtime.Actors.Auth;
using Xunit;

namespace Realtime.Tests.Auth;

public sealed class DevTokenIssuerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Issued_token_with_the_dev_key_passes_the_validator()
    {
        var secret = DevSigningKey.LoadOrCreate(_dir.Path);
        var issuer = new DevTokenIssuer("realtime-dev", "realtime", secret);
        var validator = new JwtTokenValidator(new JwtSettings { Issuer = "realtime-dev", Audience = "realtime", HmacKeys = [secret] });
        var before = DateTimeOffset.UtcNow;

        var outcome = await validator.ValidateAsync(issuer.Issue("alice", ["role-2", "role-1"], "admin", TimeSpan.FromMinutes(20)));

        Assert.True(outcome.IsValid, outcome.Error);
        var claims = outcome.Claims!;
        Assert.Equal("alice", claims.Login);
        Assert.Equal(DevTokenIssuer.SubjectFor("alice"), claims.Subject);
        Assert.Equal("admin", claims.Profile);
        Assert.Equal(["role-2", "role-1"], claims.Roles);
        Assert.InRange(claims.ExpiresAt, before.AddMinutes(20).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(20).AddSeconds(1));
    }

    [Fact]
    public async Task Defaults_and_an_explicit_subject()
    {
        var issuer = new DevTokenIssuer(TestKeys.Issuer, TestKeys.Audience, TestKeys.HmacKey1);
        var validator = new JwtTokenValidator(new JwtSettings { Issuer = TestKeys.Issuer, Audience = TestKeys.Audience, HmacKeys = [TestKeys.HmacKey1] });

        var claims = (await validator.ValidateAsync(issuer.Issue("bob", subject: "bob-uuid"))).Claims!;

        Assert.Equal("bob-uuid", claims.Subject);
        Assert.Equal("standard", claims.Profile);
        Assert.Empty(claims.Roles);
        Assert.InRange(claims.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), DevTokenIssuer.DefaultLifetime);
    }

    [Fact]
    public void Subject_is_a_stable_version_5_uuid_per_login()
    {
        var alice = DevTokenIssuer.SubjectFor("alice");

        Assert.Equal(alice, DevTokenIssuer.SubjectFor("alice"));
        Assert.NotEqual(alice, DevTokenIssuer.SubjectFor("Alice"));
        Assert.Equal(5, Guid.Parse(alice).Version);
        Assert.Equal('5', alice[14]);
    }

    [Fact]
    public void Short_secret_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DevTokenIssuer("i", "a", "short"));
}
