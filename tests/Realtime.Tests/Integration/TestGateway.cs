using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Realtime.Actors.Auth;
using Realtime.App.Hosting;
using Realtime.App.Options;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>
/// The real gateway, started in-process on a free loopback port with its own data directory, directory
/// snapshot and keys. Settings are passed the way operators pass them: as configuration keys.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string SigningKey = "integration-signing-key-0123456789abcdef";
    public const string IngestKey = "integration-ingest-key-0123456789";
    public const string Issuer = "test-issuer";
    public const string Audience = "test-audience";

    private readonly WebApplication _app;

    private TestGateway(WebApplication app, Uri baseAddress, string dataDirectory)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public RealtimeOptions Options => Services.GetRequiredService<RealtimeOptions>();

    public DevTokenIssuer Tokens { get; } = new(Issuer, Audience, SigningKey);

    public Uri SocketUri(string path = "/ws") => new($"ws://{BaseAddress.Authority}{path}");

    /// <summary>
    /// Starts a gateway; <paramref name="settings"/> add to or replace the defaults below, and a null value removes
    /// one (e.g. <c>Realtime:Urls</c>, to listen where <paramref name="args"/> or the environment say). Returns once
    /// <c>/readyz</c> answers 200, unless <paramref name="waitReady"/> is false. <paramref name="logs"/> receives the
    /// host's log lines too (the filter levels of the settings apply).
    /// </summary>
    public static async Task<TestGateway> StartAsync(
        IDictionary<string, string?>? settings = null, string? directoryJson = null, string? dataDirectory = null, string[]? args = null,
        bool waitReady = true, ILoggerProvider? logs = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("realtime-test-").FullName;
        var snapshot = Path.Combine(data, "directory.json");
        await File.WriteAllTextAsync(snapshot, directoryJson ?? SampleDirectory.Json);
        var config = new Dictionary<string, string?>
        {
            ["Realtime:Urls"] = $"http://127.0.0.1:{FreePort.Get()}",
            ["Realtime:DataDirectory"] = data,
            ["Realtime:Directory:SnapshotFile"] = snapshot,
            ["Realtime:Jwt:Issuer"] = Issuer,
            ["Realtime:Jwt:Audience"] = Audience,
            ["Realtime:Jwt:HmacKeys:0"] = SigningKey,
            ["Realtime:Ingest:Keys:0"] = IngestKey,
            ["Realtime:Cluster:Port"] = "0",
            ["Realtime:Routing:CoalesceQuiet"] = "00:00:00",
            ["Realtime:Drain:UnreadyDelay"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Realtime:AkkaLogLevel"] = "WARNING",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                config.Remove(key);
            else
                config[key] = value;
        }

        Action<ILoggingBuilder>? logging = logs is null ? null : builder => builder.AddProvider(logs);
        var app = await RealtimeApp.BuildAsync(args ?? [], config, logging);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var gateway = new TestGateway(app, new Uri(address), data);
        if (waitReady)
            await gateway.WaitReadyAsync();
        return gateway;
    }

    public string Token(string login, string[] roles, string profile = "standard", TimeSpan? lifetime = null) =>
        Tokens.Issue(login, roles, profile, lifetime);

    public async Task<TestSocket> ConnectAsync(string path = "/ws") => await TestSocket.ConnectAsync(SocketUri(path));

    /// <summary>Connects and subscribes, returning once the <c>subscribed</c> frame arrived.</summary>
    public async Task<TestSocket> SubscribeAsync(string login, string[] roles, string profile = "standard", string path = "/ws")
    {
        var socket = await ConnectAsync(path);
        await socket.SubscribeAsync(Token(login, roles, profile));
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("subscribed", ack.GetProperty("@type").GetString());
        return socket;
    }

    public async Task<HttpResponseMessage> IngestAsync(string topic, string body, string? key = IngestKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{topic}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return await Http.SendAsync(request);
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
                return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }
        throw new TimeoutException($"gateway did not become ready in 20 s: {last}");
    }

    /// <summary>
    /// A crash as the cluster sees it: the actor system goes away without leaving (no coordinated shutdown), so
    /// the others must notice it unreachable and down it. The HTTP side is stopped too.
    /// </summary>
    public async Task CrashAsync()
    {
        var system = (Akka.Actor.ExtendedActorSystem)Services.GetRequiredService<Akka.Actor.ActorSystem>();
        system.Abort();
        await system.WhenTerminated;
        await StopAsync();
    }

    /// <summary>A graceful stop, as on SIGTERM: drain, hand off, leave.</summary>
    public Task StopAsync() => _stopped ??= _app.StopAsync();

    private Task? _stopped;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
