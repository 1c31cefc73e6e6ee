using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Realtime.App.Endpoints;

namespace Realtime.Tests.Hosting;

/// <summary>
/// The transport under <see cref="ConnectionUpgrade"/>, on real loopback sockets: a connection is only its socket
/// until it is either taken whole (a WebSocket) or handed to Kestrel's own socket connection (everything else).
/// </summary>
public sealed class DeferredSocketTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private IConnectionListener _listener = null!;
    private readonly TcpClient _client = new();

    public async Task InitializeAsync()
    {
        var transport = new DeferredSocketTransport(Microsoft.Extensions.Options.Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        Assert.False(transport.CanBind(new UnixDomainSocketEndPoint("/tmp/realtime-test.sock")));
        _listener = await transport.BindAsync(new IPEndPoint(IPAddress.Loopback, 0));
        await _client.ConnectAsync((IPEndPoint)_listener.EndPoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _listener.DisposeAsync();
    }

    [Fact]
    public void Binding_port_0_reports_the_port_the_system_chose()
    {
        Assert.NotEqual(0, ((IPEndPoint)_listener.EndPoint).Port);
    }

    [Fact]
    public async Task Peeked_bytes_stay_unread_and_taking_the_socket_consumes_exactly_the_head()
    {
        var connection = await AcceptAsync();
        await _client.GetStream().WriteAsync("HEAD|rest"u8.ToArray());

        var peeked = new byte[64];
        var count = await connection.PeekAsync(peeked, Timeout);
        Assert.Equal("HEAD|rest", Encoding.ASCII.GetString(peeked, 0, count));

        var socket = connection.TakeSocket("HEAD|".Length);
        var rest = new byte[64];
        var read = await socket!.ReceiveAsync(rest);
        Assert.Equal("rest", Encoding.ASCII.GetString(rest, 0, read));
        Assert.Throws<InvalidOperationException>(() => connection.Transport);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_taken_socket_as_a_stream_writes_past_a_full_kernel_buffer_once_the_peer_reads_and_keeps_the_order()
    {
        var connection = await AcceptAsync();
        await _client.GetStream().WriteAsync("HEAD"u8.ToArray());
        await connection.PeekAsync(new byte[8], Timeout);
        await using var stream = new NetworkSocketStream(connection.TakeSocket(4)!);
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
    public async Task A_connection_left_to_kestrel_reads_the_peeked_bytes_again_and_writes_through_its_pipes()
    {
        var connection = await AcceptAsync();
        await _client.GetStream().WriteAsync("GET / HTTP/1.1\r\n"u8.ToArray());
        var count = await connection.PeekAsync(new byte[64], Timeout);
        Assert.True(count > 0);

        var input = await connection.Transport.Input.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("GET / HTTP/1.1\r\n", Encoding.ASCII.GetString(input.Buffer));
        connection.Transport.Input.AdvanceTo(input.Buffer.End);
        Assert.NotNull(connection.Features.Get<IConnectionSocketFeature>());
        await connection.Transport.Output.WriteAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray()).AsTask().WaitAsync(Timeout);

        var answer = new byte[64];
        var read = await _client.GetStream().ReadAsync(answer).AsTask().WaitAsync(Timeout);
        Assert.Equal("HTTP/1.1 204 No Content\r\n\r\n", Encoding.ASCII.GetString(answer, 0, read));
        Assert.Throws<InvalidOperationException>(() => connection.TakeSocket(1));
        await connection.DisposeAsync().AsTask().WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_silent_connection_peeks_nothing_within_the_timeout_and_its_later_bytes_still_arrive()
    {
        var connection = await AcceptAsync();

        Assert.Equal(0, await connection.PeekAsync(new byte[64], TimeSpan.FromMilliseconds(200)));

        await _client.GetStream().WriteAsync("late"u8.ToArray());
        var input = await connection.Transport.Input.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("late", Encoding.ASCII.GetString(input.Buffer));
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Aborting_a_connection_nobody_took_closes_its_socket()
    {
        var connection = await AcceptAsync();

        connection.Abort(new ConnectionAbortedException("test"));

        var read = await _client.GetStream().ReadAsync(new byte[8]).AsTask().WaitAsync(Timeout);
        Assert.Equal(0, read);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Unbinding_ends_accepting()
    {
        var connection = await AcceptAsync();
        await _listener.UnbindAsync();

        Assert.Null(await _listener.AcceptAsync().AsTask().WaitAsync(Timeout));
        await connection.DisposeAsync();
    }

    private async Task<DeferredSocketConnection> AcceptAsync() =>
        Assert.IsType<DeferredSocketConnection>(await _listener.AcceptAsync().AsTask().WaitAsync(Timeout));
}
