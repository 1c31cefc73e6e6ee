using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Realtime.Actors.Auth;
using Realtime.App.Hosting;

namespace Realtime.LoadTest;

/// <summary>The real gateway (<see cref="RealtimeApp.BuildAsync"/>), started the way the integration tests start it.</summary>
public sealed class GatewayTarget : ILoadTarget
{
    private const string SigningKey = "loadtest-signing-key-0123456789abcdef";
    private const string IngestKey = "loadtest-ingest-key-0123456789";
    private const string Issuer = "loadtest";
    private const string Audience = "loadtest";

    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private HttpClient? _http;
    private string _data = "";
    private int _closed;

    public string Name => "Akka.Realtime";

    public int Closed => Volatile.Read(ref _closed);

    public async Task StartAsync(LoadOptions options)
    {
        _data = Directory.CreateTempSubdirectory("realtime-load-").FullName;
        var snapshot = Path.Combine(_data, "directory.json");
        await File.WriteAllTextAsync(snapshot, Payloads.DirectoryJson);
        var config = new Dictionary<string, string?>
        {
            ["Realtime:Urls"] = $"http://127.0.0.1:{FreePort.Get()}",
            ["Realtime:DataDirectory"] = _data,
            ["Realtime:Directory:SnapshotFile"] = snapshot,
            ["Realtime:Jwt:Issuer"] = Issuer,
            ["Realtime:Jwt:Audience"] = Audience,
            ["Realtime:Jwt:HmacKeys:0"] = SigningKey,
            ["Realtime:Ingest:Keys:0"] = IngestKey,
            ["Realtime:Ingest:MaxIngestBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Realtime:Cluster:Port"] = "0",
            ["Realtime:Routing:CoalesceQuiet"] = "00:00:00",
            ["Realtime:Routing:CoalesceMaxDelay"] = "00:00:00",
            ["Realtime:Sockets:MaxQueueBytes"] = ((long)options.QueueMegabytes * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Realtime:Sockets:IdleTimeout"] = "00:10:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (options.MaxRouterBacklog > 0)
            config["Realtime:Ingest:MaxRouterBacklog"] = options.MaxRouterBacklog.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app = await RealtimeApp.BuildAsync([], config);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await _http.GetAsync("/readyz")).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("gateway not ready in 30 s");
            await Task.Delay(100);
        }
    }

    public async Task ConnectAsync(int clients, Func<Recorder> recorder)
    {
        var tokens = new DevTokenIssuer(Issuer, Audience, SigningKey);
        var uri = new Uri($"ws://{_http!.BaseAddress!.Authority}/ws");
        using var gate = new SemaphoreSlim(16);
        var connects = Enumerable.Range(0, clients).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(uri, CancellationToken.None);
                var jwt = tokens.Issue($"user-{i}", [i % 2 == 0 ? "role-a" : "role-b"], lifetime: TimeSpan.FromHours(2));
                var subscribe = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["@type"] = "subscribe", ["jwt"] = jwt });
                await socket.SendAsync(subscribe, WebSocketMessageType.Text, true, CancellationToken.None);
                var buffer = new byte[4096];
                var ack = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (!Encoding.UTF8.GetString(buffer, 0, ack.Count).Contains("\"subscribed\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"socket {i} not subscribed: {Encoding.UTF8.GetString(buffer, 0, ack.Count)}");
                return socket;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var sockets = await Task.WhenAll(connects);
        for (var i = 0; i < sockets.Length; i++)
        {
            _sockets.Add(sockets[i]);
            var client = i;
            _loops.Add(Task.Run(() => ReceiveLoopAsync(sockets[client], client, recorder)));
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, int client, Func<Recorder> recorder)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.Increment(ref _closed);
                    Console.Error.WriteLine($"  socket {client} closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}");
                    return;
                }
                filled += result.Count;
                if (!result.EndOfMessage)
                    continue;
                recorder().Record(client, Payloads.SentOf(buffer.AsSpan(0, filled)));
                filled = 0;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping.
        }
    }

    public Task<int> PostAsync(string body) =>
        Ingest.PostAsync(_http!, "/api/v1/events/tree", body);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        foreach (var socket in _sockets)
            socket.Dispose();
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held: leave the temp directory.
        }
        _stop.Dispose();
    }
}
