using System.Net;

namespace Realtime.Tests.Integration;

/// <summary>Kestrel's own settings come from configuration (so from <c>Kestrel__…</c> variables) like every other.</summary>
[Collection("gateway")]
public sealed class KestrelSettingsTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Kestrel:Limits:MaxRequestBodySize"] = "100",
        ["Kestrel:AddServerHeader"] = "false",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Kestrel_Limits_MaxRequestBodySize_replaces_the_ingest_sized_body_limit()
    {
        var batch = $"[{SampleDirectory.CreateIn("ds/a", "a-name-long-enough-to-pass-one-hundred-bytes", "n-1")}]";
        Assert.True(batch.Length > 100);

        var response = await _gateway.IngestAsync("tree", batch);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Other_kestrel_settings_apply_too()
    {
        var response = await _gateway.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
    }
}
