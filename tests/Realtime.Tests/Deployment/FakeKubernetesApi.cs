using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realtime.Tests.Deployment;

/// <summary>
/// A tiny Kubernetes API server on 127.0.0.1 (Kestrel, plain HTTP) that answers
/// <c>GET /api/v1/namespaces/{ns}/pods?labelSelector=...</c> with a PodList of the pods set in <see cref="Pods"/>
/// whose labels match the equality selector. The real KubernetesClient talks to it (Discovery:ApiServerUrl).
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKubernetesApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Pods by namespace; replace the list to change what the next lookup sees.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<FakePod>> Pods { get; } = new();

    /// <summary>Every request, as <c>path?query</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeKubernetesApi? self = null;
        app.MapGet("/api/v1/namespaces/{ns}/pods", (string ns, HttpContext context) =>
        {
            self!.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            var selector = ParseSelector(context.Request.Query["labelSelector"].ToString());
            var pods = self.Pods.TryGetValue(ns, out var list) ? list : [];
            var items = new JsonArray(pods.Where(p => selector.All(s => p.Labels.TryGetValue(s.Key, out var v) && v == s.Value))
                .Select(p => (JsonNode)p.ToJson(ns)).ToArray());
            var body = new JsonObject
            {
                ["kind"] = "PodList",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
                ["items"] = items,
            };
            return Results.Text(body.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeKubernetesApi(app, url);
        return self;
    }

    private static Dictionary<string, string> ParseSelector(string selector) =>
        selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One pod of <see cref="FakeKubernetesApi"/>: a gateway container with the http and remoting ports.</summary>
public sealed record FakePod(string Name, string? PodIp, int RemotingPort, string Phase = "Running", bool Deleting = false,
    string RemotingPortName = "remoting", IReadOnlyDictionary<string, string>? PodLabels = null)
{
    public IReadOnlyDictionary<string, string> Labels => PodLabels ?? new Dictionary<string, string> { ["app"] = "realtime" };

    public JsonObject ToJson(string ns)
    {
        var metadata = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = ns,
            ["uid"] = Guid.NewGuid().ToString(),
            ["labels"] = new JsonObject(Labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        if (Deleting)
            metadata["deletionTimestamp"] = "2026-01-01T00:00:00Z";
        var status = new JsonObject { ["phase"] = Phase };
        if (PodIp is not null)
        {
            status["podIP"] = PodIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = PodIp });
        }
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "gateway",
                    ["image"] = "akka-realtime:dev",
                    ["ports"] = new JsonArray(
                        new JsonObject { ["name"] = "http", ["containerPort"] = 5050, ["protocol"] = "TCP" },
                        new JsonObject { ["name"] = RemotingPortName, ["containerPort"] = RemotingPort, ["protocol"] = "TCP" }),
                }),
            },
            ["status"] = status,
        };
    }
}
