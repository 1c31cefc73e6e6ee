using System.Text;
using System.Text.Json;

namespace Realtime.Tests.Integration;

/// <summary>
/// Plain upgrades are taken on the connection (no HTTP stack under the socket); every other request still reaches
/// Kestrel's HTTP stack and is answered as before. Kestrel's own 101 carries its <c>Server</c> header, the
/// connection-level one does not: that is how these tests see which path a request took.
/// </summary>
[Collection("gateway")]
public sealed class ConnectionUpgradeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:FirstBytesTimeout"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task An_upgrade_and_a_subscribe_in_one_write_are_taken_on_the_connection()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        var subscribe = JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("alice", ["role-a"]) });
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws")), .. RawSocketClient.MaskedTextFrame(subscribe)]);

        var head = await client.ReadHeadAsync();

        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.DoesNotContain("Server:", head);
        Assert.Equal("subscribed", JsonDocument.Parse(await client.ReceiveTextAsync(Timeout)).RootElement.GetProperty("@type").GetString());
    }

    [Theory]
    [InlineData("/chat")]
    [InlineData("/WS/Event/")]
    [InlineData("/ws?client=demo")]
    public async Task Every_socket_path_is_taken_on_the_connection(string path)
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        await client.SendRawAsync(Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, path)));

        var head = await client.ReadHeadAsync();

        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.DoesNotContain("Server:", head);
    }

    [Fact]
    public async Task An_upgrade_split_across_writes_goes_through_the_HTTP_stack_and_works()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        await client.SendUpgradeSplitAsync(_gateway.BaseAddress, "/ws");

        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Contains("Server: Kestrel", head);

        await client.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("alice", ["role-a"]) }));
        Assert.Equal("subscribed", JsonDocument.Parse(await client.ReceiveTextAsync(Timeout)).RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task An_upgrade_of_another_websocket_version_is_answered_by_the_HTTP_stack()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        var request = RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws").Replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        await client.SendRawAsync(Encoding.ASCII.GetBytes(request));

        var head = await client.ReadHeadAsync();

        Assert.StartsWith("HTTP/1.1 400", head);
        Assert.Contains("Server: Kestrel", head);
    }

    [Fact]
    public async Task A_request_then_an_upgrade_on_one_keep_alive_connection_both_work()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        await client.SendRawAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: {_gateway.BaseAddress.Authority}\r\nContent-Length: 0\r\n\r\n"));
        var health = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 200", health);
        var length = int.Parse(health.Split("\r\n").Single(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim());
        await client.ReadRawAsync(length);

        await client.SendRawAsync(Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws")));

        Assert.StartsWith("HTTP/1.1 101", await client.ReadHeadAsync());
    }

    [Fact]
    public async Task A_connection_silent_past_FirstBytesTimeout_is_left_to_the_HTTP_stack_and_still_upgrades()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await client.SendRawAsync(Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws")));

        var head = await client.ReadHeadAsync();

        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Contains("Server: Kestrel", head);
    }
}

/// <summary><c>Sockets:UpgradeOnConnection</c> false: every upgrade goes through the HTTP stack, and works.</summary>
[Collection("gateway")]
public sealed class HttpStackUpgradeTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
    {
        ["Realtime:Sockets:UpgradeOnConnection"] = "false",
    });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_plain_upgrade_is_answered_by_kestrel_and_the_socket_works()
    {
        using var client = await RawSocketClient.OpenAsync(_gateway.BaseAddress);
        await client.SendRawAsync(Encoding.ASCII.GetBytes(RawSocketClient.UpgradeRequest(_gateway.BaseAddress, "/ws")));

        var head = await client.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", head);
        Assert.Contains("Server: Kestrel", head);

        await client.SendTextAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = _gateway.Token("alice", ["role-a"]) }));
        Assert.Equal("subscribed", JsonDocument.Parse(await client.ReceiveTextAsync(TimeSpan.FromSeconds(10))).RootElement.GetProperty("@type").GetString());
    }
}
