using System.Net;

namespace Realtime.Tests.Integration;

/// <summary>GET / serves the demo page built from clients/typescript, beside the gateway's own endpoints.</summary>
[Collection("gateway")]
public sealed class DemoPageTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Root_serves_the_page_and_its_scripts()
    {
        var page = await _gateway.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>Akka.Realtime demo</title>", html);

        foreach (var script in new[] { "/demo.js", "/client/index.js", "/client/session.js" })
        {
            var response = await _gateway.Http.GetAsync(script);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_gateway_endpoints_are_unchanged()
    {
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/ws")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.Http.GetAsync("/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.Http.GetAsync("/no-such-file.js")).StatusCode);
    }
}
