using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Realtime.LoadTest;

/// <summary>
/// The same-box baseline: a minimal ASP.NET Core SignalR app. <c>POST /publish</c> takes the same JSON array and
/// sends each event's raw JSON to its workspace group with <c>Clients.Group(ws).SendAsync</c>; clients are
/// <see cref="HubConnection"/>s over WebSockets that joined one group.
/// </summary>
public sealed class SignalRTarget : ILoadTarget
{
    private readonly List<HubConnection> _connections = [];
    private WebApplication? _app;
    private HttpClient? _http;
    private int _closed;

    public string Name => "SignalR";

    public int Closed => Volatile.Read(ref _closed);

    public sealed class BenchHub : Hub
    {
        public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
    }

    public async Task StartAsync(LoadOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Get()}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 8 * 1024 * 1024);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BenchHub>("/hub");
        app.MapPost("/publish", async (HttpContext context, IHubContext<BenchHub> hub) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            foreach (var change in document.RootElement.EnumerateArray())
            {
                var path = change.GetProperty("Target").GetProperty("Path").GetString() ?? "";
                await hub.Clients.Group(Payloads.GroupOf(path)).SendAsync("event", change.GetRawText());
            }
            return Results.Accepted();
        });
        _app = app;
        await app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public async Task ConnectAsync(int clients, Func<Recorder> recorder)
    {
        var url = new Uri(_http!.BaseAddress!, "/hub");
        using var gate = new SemaphoreSlim(16);
        var connects = Enumerable.Range(0, clients).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(url, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
                    .Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(10);
                var client = i;
                connection.On<string>("event", frame => recorder().Record(client, Payloads.SentOf(frame)));
                connection.Closed += _ =>
                {
                    Interlocked.Increment(ref _closed);
                    return Task.CompletedTask;
                };
                await connection.StartAsync();
                await connection.InvokeAsync("Join", i % 2 == 0 ? Payloads.WorkspaceA : Payloads.WorkspaceB);
                return connection;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        _connections.AddRange(await Task.WhenAll(connects));
    }

    public Task<int> PostAsync(string body) =>
        Ingest.PostAsync(_http!, "/publish", body);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
        // Disposing our own connections is not a server-side close.
        _closed = 0;
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
