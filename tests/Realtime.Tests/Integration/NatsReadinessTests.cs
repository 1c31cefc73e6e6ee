using System.Net;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary><c>/readyz</c> follows the NATS server: 503 naming <c>nats</c> while it is down, 200 again once it is back.</summary>
[Collection("gateway")]
public sealed class NatsReadinessTests : IAsyncLifetime
{
    // A server of this test's own: stopping the collection's shared one would disturb the other NATS tests.
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task A_stopped_nats_server_makes_the_node_unready_until_it_is_back()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Realtime:Nats:Url"] = _nats.Url });
        var (status, body) = await ReadinessTests.ReadyzAsync(gateway);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("checks").GetProperty("nats").GetBoolean(), body.ToString());

        _nats.Stop();
        await ReadyzBecomesAsync(gateway, HttpStatusCode.ServiceUnavailable, nats: false);

        await _nats.RestartAsync();
        await ReadyzBecomesAsync(gateway, HttpStatusCode.OK, nats: true);
    }

    private static async Task ReadyzBecomesAsync(TestGateway gateway, HttpStatusCode expected, bool nats)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, body) = await ReadinessTests.ReadyzAsync(gateway);
            if (status == expected && body.GetProperty("checks").GetProperty("nats").GetBoolean() == nats)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"readyz still {status}: {body}");
            await Task.Delay(200);
        }
    }
}
