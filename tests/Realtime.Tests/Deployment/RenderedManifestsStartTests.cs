using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Realtime.App.Hosting;
using Realtime.Tests.Infrastructure;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Deployment;

/// <summary>
/// The rendered manifests start a Production node: exactly the container's settings (ConfigMap, Secret, env), with
/// what an operator supplies (the secrets, the directory), what Kubernetes fills in (downward API, the API server),
/// and the cluster-internal addresses (NATS, listen and remoting ports) moved to this machine's loopback.
/// </summary>
[Collection("nats")]
public sealed class RenderedManifestsStartTests(NatsServerFixture nats, KustomizeRender render) : IClassFixture<KustomizeRender>
{
    [Fact]
    public async Task The_rendered_manifests_start_a_node_that_looks_for_its_pods()
    {
        var data = Directory.CreateTempSubdirectory("realtime-manifests-").FullName;
        var directory = Path.Combine(data, "directory.json");
        await File.WriteAllTextAsync(directory, SampleDirectory.Json);
        await using var kubernetes = await FakeKubernetesApi.StartAsync();

        var settings = render.ContainerEnvironment();
        foreach (var (key, value) in KustomizeTests.OperatorSecrets)
            settings[key] = value;
        var machine = new Dictionary<string, string>
        {
            ["Realtime__Directory__SnapshotFile"] = directory,
            ["Realtime__Cluster__PublicHostname"] = "127.0.0.1",
            ["Realtime__Discovery__PodNamespace"] = "realtime",
            ["Realtime__Discovery__ApiServerUrl"] = kubernetes.Url,
            ["Realtime__Nats__Url"] = nats.Url,
            ["Realtime__Urls"] = $"http://127.0.0.1:{FreePort.Get()}",
            ["Realtime__Cluster__Hostname"] = "127.0.0.1",
            ["Realtime__Cluster__Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Realtime__DataDirectory"] = data,
        };
        foreach (var (key, value) in machine)
            settings[key] = value;

        await using var app = await RealtimeApp.BuildAsync(["--environment", "Production"],
            settings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (kubernetes.Requests.IsEmpty && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.Contains(kubernetes.Requests, r => r.StartsWith("/api/v1/namespaces/realtime/pods?labelSelector=app", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
