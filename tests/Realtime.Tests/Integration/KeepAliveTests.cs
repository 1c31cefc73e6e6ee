using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>
/// PROTOCOL 3: the server pings a silent peer every <c>Sockets:PingInterval</c> and drops one silent for
/// <c>Sockets:IdleTimeout</c>, on sockets taken on the connection and on those upgraded by the HTTP stack alike.
/// </summary>
[Collection("gateway")]
public sealed class KeepAliveTests : IAsyncLifetime
{
    private const int Ping = 0x9;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:PingInterval"] = "00:00:01",
        ["Realtime:Sockets:IdleTimeout"] = "00:00:03",
        ["Realtime:Sockets:AuthTimeout"] = "00:01:00",
        ["Realtime:Sockets:FirstBytesTimeout"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silent_peer_gets_a_ping_within_the_ping_interval(bool throughHttpStack)
    {
        using var client = await OpenAsync(throughHttpStack);

        var (opcode, payload) = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Ping, opcode);
        Assert.Empty(payload);
    }

    [Fact]
    public async Task A_peer_that_answers_pings_stays_open_past_the_idle_timeout()
    {
        using var client = await OpenAsync(throughHttpStack: false);
        var answering = Stopwatch.StartNew();
        var pings = 0;
        while (answering.Elapsed < IdleTimeout * 2)
        {
            var (opcode, _) = await client.ReceiveFrameAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(Ping, opcode);
            pings++;
            await client.SendPongAsync();
        }

        Assert.True(pings >= 3, $"{pings} pings in {answering.Elapsed}");
        await client.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("alice", ["role-a"]) }));
        Assert.Equal("subscribed", JsonDocument.Parse(await client.ReceiveTextAsync(TimeSpan.FromSeconds(5))).RootElement.GetProperty("@type").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peer_silent_for_the_idle_timeout_is_dropped(bool throughHttpStack)
    {
        using var client = await OpenAsync(throughHttpStack);
        var silent = Stopwatch.StartNew();

        // Never answers: the pings are read (and ignored) along with whatever else comes until the end.
        Assert.True(await client.WaitForEndAsync(TimeSpan.FromSeconds(10)));
        Assert.True(silent.Elapsed >= IdleTimeout - TimeSpan.FromMilliseconds(500), $"dropped after {silent.Elapsed}");
    }

    /// <summary>An upgraded /ws socket: taken on the connection, or (sent in two writes) upgraded by the HTTP stack.</summary>
    private async Task<RawSocketClient> OpenAsync(bool throughHttpStack)
    {
        var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        if (throughHttpStack)
            await client.SendUpgradeSplitAsync(_gateway.BaseAddress, "/ws");
        else
            await client.SendRawAsync(Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws")));
        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Equal(throughHttpStack, head.Contains("Server: Kestrel"));
        return client;
    }
}
