using Realtime.Actors.Auth;
using Realtime.Tests.Infrastructure;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Failover;

/// <summary>SIGTERM, as Kubernetes stops a pod: open sockets are closed with 1012 (PROTOCOL 3.3), then the process ends.</summary>
[Collection("multi-node")]
public sealed class ProcessDrainTests
{
    [Fact]
    public async Task Sigterm_closes_open_sockets_with_1012_and_the_process_exits_soon_after()
    {
        var data = Directory.CreateTempSubdirectory("realtime-drain-").FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "directory.json"), SampleDirectory.Json);
        var http = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        await using var gateway = GatewayProcess.Start(GatewayProcess.ProductionEnvironment(http, data, FreePort.Get()), http, data);
        await gateway.WaitReadyAsync(TimeSpan.FromSeconds(60));

        await using var socket = await TestSocket.ConnectAsync(new Uri($"ws://{http.Authority}/ws"));
        await socket.SubscribeAsync(new DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, TestGateway.SigningKey).Issue("alice", ["role-a"]));
        Assert.Equal("subscribed", (await socket.ReceiveJsonAsync()).GetProperty("@type").GetString());

        gateway.Terminate();
        var (_, code) = await socket.ReceiveUntilCloseAsync(TimeSpan.FromSeconds(15));
        Assert.True(code == 1012, $"closed with {code}:\n{gateway.Tail()}");
        // Drained at once, so the node leaves without waiting out Drain:Timeout (30 s).
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(20)), $"still running 20 s after SIGTERM:\n{gateway.Tail()}");
        Assert.DoesNotContain("Drain did not finish", gateway.Tail(200), StringComparison.Ordinal);
    }
}
