using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Actors.Auth;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>Every refused token is logged with its reason, rate-limited, counted by reason, and never logged itself.</summary>
[Collection("gateway")]
public sealed class TokenRefusalLogTests
{
    private static readonly Dictionary<string, string?> RefusalsLogged = new() { ["Logging:LogLevel:Realtime"] = "Information" };

    [Fact]
    public async Task A_refused_token_is_logged_with_its_reason_and_counted_but_the_token_is_never_logged()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(RefusalsLogged, logs: logs);
        var forged = new DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, "not-the-gateway-signing-key-0123456789").Issue("mallory", ["role-a"]);
        var otherAudience = new DevTokenIssuer(TestGateway.Issuer, "another-audience", TestGateway.SigningKey).Issue("alice", ["role-a"]);

        foreach (var token in new[] { forged, otherAudience, "not-a-token" })
        {
            await using var socket = await gateway.ConnectAsync();
            await socket.SubscribeAsync(token);
            Assert.Equal(4001, (await socket.ReceiveUntilCloseAsync()).Code);
        }

        var refusals = logs.Of<RefusalLoggingValidator>();
        var logged = string.Join("\n", refusals);
        Assert.All(refusals, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.True(refusals.Any(l => l.Message.Contains("Refused a token: signature")), logged);
        Assert.True(refusals.Any(l => l.Message.Contains("Refused a token: audience")), logged);
        Assert.True(refusals.Any(l => l.Message.Contains("Refused a token: malformed")), logged);
        foreach (var token in new[] { forged, otherAudience })
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(token) || l.Message.Contains(signature));
        }
        Assert.Equal(1, await PrometheusScrape.ValueAsync(gateway.Http, "realtime_token_refusals_total", "reason=\"signature\""));
        Assert.Equal(1, await PrometheusScrape.ValueAsync(gateway.Http, "realtime_token_refusals_total", "reason=\"audience\""));
        Assert.Equal(1, await PrometheusScrape.ValueAsync(gateway.Http, "realtime_token_refusals_total", "reason=\"malformed\""));
        Assert.Equal(0, await PrometheusScrape.ValueAsync(gateway.Http, "realtime_token_refusals_total", "reason=\"expired\""));
    }

    [Fact]
    public async Task A_burst_of_a_thousand_refusals_logs_a_handful_of_lines_and_counts_them_all()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(RefusalsLogged, logs: logs);
        var forged = new DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, "not-the-gateway-signing-key-0123456789").Issue("mallory", ["role-a"]);
        var validator = gateway.Services.GetRequiredService<ITokenValidator>();

        for (var i = 0; i < 1000; i++)
            Assert.Equal("invalid signature", (await validator.ValidateAsync(forged)).Error);

        var lines = logs.Of<RefusalLoggingValidator>();
        Assert.InRange(lines.Count, 1, 3);
        Assert.All(lines, l => Assert.Contains("Refused a token: signature", l.Message));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(forged[(forged.LastIndexOf('.') + 1)..]));
        Assert.Equal(1000, await PrometheusScrape.ValueAsync(gateway.Http, "realtime_token_refusals_total", "reason=\"signature\""));
    }
}
