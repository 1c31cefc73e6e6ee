using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Realtime.Actors.Auth;
using Realtime.Tests.Infrastructure;
using Xunit;

namespace Realtime.Tests.Auth;

/// <summary>A JWKS URL that fails (HTTP error, not a JWKS) is counted and logged with the URL and the error, rate-limited.</summary>
public sealed class JwksFailureTests
{
    private static readonly (Microsoft.IdentityModel.Tokens.SigningCredentials Signing, Microsoft.IdentityModel.Tokens.JsonWebKey Public) Key = TestKeys.Rsa("k1");

    private sealed class JwksEndpoint : IAsyncDisposable
    {
        private readonly LoopbackHttpServer _server;

        public JwksEndpoint() => _server = new LoopbackHttpServer(AnswerAsync);

        public string Url => _server.BaseUrl + "/jwks.json";

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string Body { get; set; } = "";

        private async Task AnswerAsync(HttpListenerContext context)
        {
            context.Response.StatusCode = (int)Status;
            var bytes = Encoding.UTF8.GetBytes(Body);
            await context.Response.OutputStream.WriteAsync(bytes);
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    [Fact]
    public async Task Failed_loads_are_counted_and_logged_as_warnings_with_the_url_at_most_once_per_interval()
    {
        await using var endpoint = new JwksEndpoint { Status = HttpStatusCode.InternalServerError, Body = "down" };
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturingLoggerProvider();
        var settings = new JwtSettings { Issuer = TestKeys.Issuer, Audience = TestKeys.Audience, JwksUrl = endpoint.Url, LogInterval = TimeSpan.FromMinutes(1) };
        using var source = new JwksKeySource(settings, timeProvider: time, logger: logs.CreateLogger("jwks"));

        Assert.Empty(await source.GetKeysAsync());
        Assert.Equal(1, source.Failures);
        var first = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.Contains(endpoint.Url, first.Message);
        Assert.Contains("500", first.Message);

        // Garbage 10 s later: tried again (the retry delay after a failure), counted, but within the log interval.
        endpoint.Status = HttpStatusCode.OK;
        endpoint.Body = "<html>not a key set</html>";
        time.Advance(JwksKeySource.MinForcedRefreshInterval);
        Assert.Empty(await source.GetKeysAsync());
        Assert.Equal(2, source.Failures);
        Assert.Single(logs.Lines);

        // After the interval the next failure is logged, with the count of those left out.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await source.GetKeysAsync());
        Assert.Equal(3, source.Failures);
        Assert.Equal(2, logs.Lines.Count);
        Assert.Contains("1 earlier failure(s) not logged", logs.Lines[1].Message);
        Assert.False(source.HasFreshKeys(settings.JwksMaxAge));

        // A good key set: loaded, fresh, and stale again once older than JwksMaxAge.
        endpoint.Body = TestKeys.JwksJson(Key.Public);
        time.Advance(JwksKeySource.MinForcedRefreshInterval);
        Assert.Single(await source.GetKeysAsync());
        Assert.True(source.HasFreshKeys(settings.JwksMaxAge));
        time.Advance(settings.JwksMaxAge + TimeSpan.FromSeconds(1));
        Assert.False(source.HasFreshKeys(settings.JwksMaxAge));
        Assert.Equal(3, source.Failures);
    }
}
