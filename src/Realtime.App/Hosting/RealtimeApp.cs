using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Realtime.Actors.Auth;
using Realtime.Actors.Ingress;
using Realtime.Actors.Routing;
using Realtime.App.Endpoints;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>Builds the gateway host; Program and the integration tests start it the same way.</summary>
public static class RealtimeApp
{
    /// <param name="logging">Adds to the host's logging (the tests capture log lines with it).</param>
    public static async Task<WebApplication> BuildAsync(string[] args, IDictionary<string, string?>? overrides = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        logging?.Invoke(builder.Logging);

        var options = RealtimeOptions.Load(builder.Configuration, builder.Environment.EnvironmentName);
        if (ListenAddresses.Override(builder.Configuration, options.Urls) is { } urls)
            builder.WebHost.UseUrls(urls);
        // Kestrel's own settings (Kestrel:Limits:*, ...) are bound like every other one: by itself ASP.NET Core
        // reads only Kestrel:Endpoints and certificates from configuration.
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        // An operator's Kestrel:Limits:MaxRequestBodySize stands; otherwise room for the largest ingest body.
        if (builder.Configuration["Kestrel:Limits:MaxRequestBodySize"] is null)
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.Ingest.MaxIngestBytes * 2, 1024 * 1024));
        // Registered after Kestrel's socket transport, so it is the one TCP endpoints bind with.
        if (options.Sockets.UpgradeOnConnection)
            builder.Services.AddSingleton<IConnectionListenerFactory, UpgradeFirstTransport>();

        var directorySource = new DirectorySnapshotSource(options.Directory);
        var directoryState = new DirectoryState();
        var directory = await AccessDirectoryLoader.LoadAsync(options.Directory, directorySource, directoryState, options.Routing.MaxRecentNodes, CancellationToken.None);
        var counters = new RoutingCounters();
        var revocations = new TokenRevocations(options.Revocation.Retention, options.Revocation.MaxEntries, TimeProvider.System);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton<SocketAcceptor>();
        builder.Services.AddProblemDetails();
        AddTokenValidation(builder.Services, options.Jwt, revocations);
        // Akka first: hosted services start in order, and the NATS ingress needs the router.
        builder.Services.AddRealtimeAkka(options, directory, counters, revocations);
        AddBus(builder.Services, options);
        builder.Services.AddSingleton(directorySource);
        builder.Services.AddSingleton(directoryState);
        builder.Services.AddHostedService<DirectoryRefreshService>();
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddSingleton<JournalProbe>();
        builder.Services.AddSingleton<NodeReadiness>();
        builder.Services.AddHostedService<DrainService>();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.Drain.Timeout + TimeSpan.FromSeconds(15));

        var app = builder.Build();
        app.UseDemoPage();
        app.UseWebSockets();
        app.MapEventSockets();
        app.MapChatSockets();
        app.MapIngest();
        app.MapHealth();
        app.MapMetrics();
        return app;
    }

    private static void AddTokenValidation(IServiceCollection services, JwtSettings jwt, TokenRevocations revocations)
    {
        if (jwt.HasJwks)
            services.AddSingleton(sp => new JwksKeySource(jwt, logger: sp.GetRequiredService<ILogger<JwksKeySource>>()));
        services.AddSingleton(sp => new RefusalLoggingValidator(
            new RevocationCheckingValidator(new JwtTokenValidator(jwt, jwt.HasJwks ? sp.GetRequiredService<JwksKeySource>() : null), revocations),
            sp.GetRequiredService<ILogger<RefusalLoggingValidator>>(), jwt.LogInterval));
        services.AddSingleton<ITokenValidator>(sp => sp.GetRequiredService<RefusalLoggingValidator>());
    }

    private static void AddBus(IServiceCollection services, RealtimeOptions options)
    {
        if (options.Nats.Enabled)
        {
            services.AddSingleton<INatsConnection>(_ => NatsConnectionFactory.Create(options.Nats));
            services.AddSingleton<INatsJSContext>(sp => new NatsJSContext((NatsConnection)sp.GetRequiredService<INatsConnection>()));
            services.AddSingleton(sp => new JetStreamBus(sp.GetRequiredService<INatsJSContext>(), options.Nats.Stream));
            services.AddSingleton<IBusPublisher>(sp => new NatsBusPublisher(sp.GetRequiredService<INatsJSContext>()));
            services.AddSingleton<NatsIngressService>();
            services.AddHostedService(sp => sp.GetRequiredService<NatsIngressService>());
        }
        else
        {
            services.AddSingleton<IBusPublisher>(sp =>
            {
                var system = sp.GetRequiredService<ActorSystem>();
                var cluster = Akka.Cluster.Cluster.Get(system);
                return new ClusterBusPublisher(sp.GetRequiredService<ActorRegistry>().Get<RegistryKeys.Router>(), DistributedPubSub.Get(system).Mediator,
                    () => cluster.State.Members.Count > 1, MemberOrigin.Of(cluster.SelfUniqueAddress));
            });
        }
    }
}
