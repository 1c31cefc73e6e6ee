using System.Net;
using System.Net.Sockets;
using Realtime.App.Endpoints;

namespace Realtime.Tests.Hosting;

/// <summary>The stream under a WebSocket taken on its connection, on a real loopback TCP connection.</summary>
public sealed class NetworkSocketStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TcpClient _client = new();
    private Socket _server = null!;

    public async Task InitializeAsync()
    {
        _listener.Start();
        await _client.ConnectAsync((IPEndPoint)_listener.LocalEndpoint);
        _server = await _listener.AcceptSocketAsync();
        _server.Blocking = false;
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _listener.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public void A_blocking_socket_is_refused()
    {
        _server.Blocking = true;
        Assert.Throws<ArgumentException>(() => new NetworkSocketStream(_server));
    }

    [Fact]
    public async Task A_write_past_a_full_kernel_buffer_waits_for_the_peer_and_keeps_the_order()
    {
        await using var stream = new NetworkSocketStream(_server);
        var payload = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(payload);

        // Far more than the kernel's buffers hold: the non-blocking send is refused part way and the rest waits.
        var writing = stream.WriteAsync(payload).AsTask();
        await Task.Delay(200);
        Assert.False(writing.IsCompleted);

        var received = new byte[payload.Length];
        await _client.GetStream().ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await writing.WaitAsync(Timeout);
        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task Disposing_ends_a_pending_read_and_the_peer_sees_the_end()
    {
        var stream = new NetworkSocketStream(_server);
        var reading = stream.ReadAsync(new byte[16]).AsTask();

        await stream.DisposeAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => reading.WaitAsync(Timeout));
        Assert.Equal(0, await _client.GetStream().ReadAsync(new byte[8]).AsTask().WaitAsync(Timeout));
    }
}
