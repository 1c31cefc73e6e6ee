using System.Net;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>The listen address follows the ASP.NET Core settings unless <c>Realtime:Urls</c> is set.</summary>
[Collection("gateway")]
public sealed class ListenAddressTests
{
    private static readonly Dictionary<string, string?> WithoutRealtimeUrls = new() { ["Realtime:Urls"] = null };

    [Fact]
    public async Task The_urls_argument_moves_the_listener()
    {
        var port = FreePort.Get();
        await using var gateway = await TestGateway.StartAsync(WithoutRealtimeUrls, args: ["--urls", $"http://127.0.0.1:{port}"]);
        await AssertServesOnAsync(gateway, port);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_moves_the_listener()
    {
        var port = FreePort.Get();
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", $"http://127.0.0.1:{port}");
        TestGateway gateway;
        try
        {
            gateway = await TestGateway.StartAsync(WithoutRealtimeUrls);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", null);
        }
        await using (gateway)
            await AssertServesOnAsync(gateway, port);
    }

    [Fact]
    public async Task Realtime_Urls_when_set_wins_over_the_urls_argument()
    {
        var ours = FreePort.Get();
        var ignored = FreePort.Get();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Realtime:Urls"] = $"http://127.0.0.1:{ours}" }, args: ["--urls", $"http://127.0.0.1:{ignored}"]);
        await AssertServesOnAsync(gateway, ours);
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{ignored}/healthz"));
    }

    private static async Task AssertServesOnAsync(TestGateway gateway, int port)
    {
        Assert.Equal(port, gateway.BaseAddress.Port);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode);
    }
}
