using Microsoft.Extensions.Configuration;
using Realtime.Actors.Auth;
using Xunit;

namespace Realtime.Tests.Auth;

public sealed class JwtSettingsTests
{
    private static JwtSettings Valid() => new()
    {
        Issuer = TestKeys.Issuer,
        Audience = TestKeys.Audience,
        HmacKeys = [TestKeys.HmacKey1],
    };

    [Fact]
    public void Defaults_follow_the_protocol()
    {
        var settings = new JwtSettings();

        Assert.Equal(["HS256", "RS256", "ES256"], settings.EffectiveAlgorithms);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ClockSkew);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.JwksRefreshInterval);
        Assert.Equal(TimeSpan.FromHours(1), settings.JwksMaxAge);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.LogInterval);
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Jwks_max_age_below_the_refresh_interval_and_a_zero_log_interval_are_errors()
    {
        var settings = Valid();
        settings.JwksUrl = "https://idp.test/jwks.json";
        settings.JwksMaxAge = TimeSpan.FromMinutes(5);
        settings.LogInterval = TimeSpan.Zero;

        var errors = settings.Validate();

        Assert.Contains("Realtime:Jwt:JwksMaxAge must be at least Realtime:Jwt:JwksRefreshInterval", errors);
        Assert.Contains("Realtime:Jwt:LogInterval must be positive, got 0 s", errors);
    }

    [Fact]
    public void No_key_source_is_an_error()
    {
        var settings = Valid();
        settings.HmacKeys.Clear();

        Assert.Contains(settings.Validate(), e => e.Contains("no signing key source"));

        settings.JwksUrl = "https://idp.test/jwks.json";
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void Short_hmac_key_is_an_error_that_does_not_leak_the_key()
    {
        var settings = Valid();
        settings.HmacKeys.Add("short-secret");

        var error = Assert.Single(settings.Validate());
        Assert.Contains("HmacKeys[1] is 12 bytes", error);
        Assert.DoesNotContain("short-secret", error);
    }

    [Fact]
    public void Multibyte_characters_count_as_their_utf8_bytes()
    {
        var settings = Valid();
        settings.HmacKeys = [new string('é', 16)];

        Assert.Empty(settings.Validate());
    }

    [Theory]
    [InlineData("none", "Realtime:Jwt:AllowedAlgorithms: algorithm 'none' is never allowed")]
    [InlineData("NONE", "Realtime:Jwt:AllowedAlgorithms: algorithm 'none' is never allowed")]
    [InlineData("HS257", "Realtime:Jwt:AllowedAlgorithms: unknown algorithm 'HS257'")]
    [InlineData("rs256", "Realtime:Jwt:AllowedAlgorithms: unknown algorithm 'rs256'")]
    public void Bad_algorithm_names_are_errors(string alg, string error)
    {
        var settings = Valid();
        settings.AllowedAlgorithms = ["RS256", alg];

        Assert.Equal([error], settings.Validate());
    }

    [Fact]
    public void Missing_issuer_audience_and_conflicting_jwks_sources_are_errors()
    {
        var settings = new JwtSettings { HmacKeys = [TestKeys.HmacKey1], JwksFile = "/etc/jwks.json", JwksUrl = "ftp://idp.test/jwks" };

        var errors = settings.Validate();

        Assert.Contains("Realtime:Jwt:Issuer is required", errors);
        Assert.Contains("Realtime:Jwt:Audience is required", errors);
        Assert.Contains("set only one of Realtime:Jwt:JwksFile and Realtime:Jwt:JwksUrl", errors);
        Assert.Contains(errors, e => e.StartsWith("Realtime:Jwt:JwksUrl 'ftp://idp.test/jwks' is not"));
    }

    [Fact]
    public void Binds_from_configuration_and_configured_algorithms_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Realtime:Jwt:Issuer"] = "iss",
            ["Realtime:Jwt:Audience"] = "aud",
            ["Realtime:Jwt:HmacKeys:0"] = TestKeys.HmacKey1,
            ["Realtime:Jwt:HmacKeys:1"] = TestKeys.HmacKey2,
            ["Realtime:Jwt:JwksUrl"] = "https://idp.test/jwks.json",
            ["Realtime:Jwt:JwksRefreshInterval"] = "00:05:00",
            ["Realtime:Jwt:AllowedAlgorithms:0"] = "RS256",
            ["Realtime:Jwt:ClockSkew"] = "00:00:10",
        }).Build();

        var settings = configuration.GetSection(JwtSettings.SectionName).Get<JwtSettings>()!;

        Assert.Equal("iss", settings.Issuer);
        Assert.Equal([TestKeys.HmacKey1, TestKeys.HmacKey2], settings.HmacKeys);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.JwksRefreshInterval);
        Assert.Equal(["RS256"], settings.EffectiveAlgorithms);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ClockSkew);
        Assert.Empty(settings.Validate());
    }
}
