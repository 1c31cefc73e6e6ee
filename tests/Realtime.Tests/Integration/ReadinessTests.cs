using System.Net;
using System.Text.Json;
using Realtime.Tests.Deployment;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary><c>/readyz</c>: 200 only when every check passes, and a JSON body naming each check either way.</summary>
[Collection("gateway")]
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_ready_node_reports_every_check_passed()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (status, body) = await ReadyzAsync(gateway);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        foreach (var check in new[] { "member", "journal", "bus", "shards", "directory" })
            Assert.True(checks.GetProperty(check).GetBoolean(), $"{check} should pass: {body}");
        Assert.False(checks.GetProperty("draining").GetBoolean());
    }

    [Fact]
    public async Task A_node_that_is_not_yet_a_member_answers_503_naming_what_is_missing()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        var port = FreePort.Get();
        // Two pods are required and the other one never answers: this node keeps looking for a cluster to join.
        api.Pods["ready-test"] = [new FakePod("self", "127.0.0.1", port), new FakePod("silent", "127.0.0.1", FreePort.Get())];
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Cluster:Port"] = port.ToString(),
            ["Realtime:Discovery:Mode"] = "kubernetes",
            ["Realtime:Discovery:ApiServerUrl"] = api.Url,
            ["Realtime:Discovery:PodNamespace"] = "ready-test",
            ["Realtime:Discovery:RequiredContactPoints"] = "2",
            ["Realtime:Discovery:StableMargin"] = "00:00:00.200",
            ["Realtime:Discovery:Interval"] = "00:00:00.100",
        }, waitReady: false);

        var (status, body) = await ReadyzAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not ready", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.False(checks.GetProperty("member").GetBoolean());
        Assert.False(checks.GetProperty("shards").GetBoolean());
        Assert.False(checks.GetProperty("bus").GetBoolean());
        Assert.True(checks.GetProperty("journal").GetBoolean());
        Assert.True(checks.GetProperty("directory").GetBoolean());
        Assert.False(checks.GetProperty("draining").GetBoolean());
    }

    [Fact]
    public async Task Without_nats_or_jwks_their_checks_are_not_listed()
    {
        await using var gateway = await TestGateway.StartAsync();

        var (_, body) = await ReadyzAsync(gateway);

        Assert.False(body.GetProperty("checks").TryGetProperty("nats", out _), body.ToString());
        Assert.False(body.GetProperty("checks").TryGetProperty("jwks", out _), body.ToString());
    }

    [Fact]
    public async Task A_jwks_url_that_is_down_at_start_makes_the_node_unready_naming_jwks()
    {
        var requests = 0;
        await using var jwks = new LoopbackHttpServer(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Realtime:Jwt:JwksUrl"] = jwks.BaseUrl + "/jwks.json",
        }, waitReady: false);

        var (status, body) = await ReadyzAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(body.GetProperty("checks").GetProperty("jwks").GetBoolean(), body.ToString());
        Assert.True(Volatile.Read(ref requests) >= 1);
        Assert.True(await PrometheusScrape.ValueAsync(gateway.Http, "realtime_jwks_refresh_failures_total") >= 1);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
