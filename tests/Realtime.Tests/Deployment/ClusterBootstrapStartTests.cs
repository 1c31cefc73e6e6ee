using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Realtime.App.Hosting;
using Realtime.App.Options;
using Realtime.Tests.Chat;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Deployment;

/// <summary>
/// An ActorSystem really started with the kubernetes-mode configuration: the HOCON loads, Akka.Management
/// serves the bootstrap routes on the management port. Outside Kubernetes the discovery lookups fail (no API
/// server variables) and are retried; the node stays un-joined, which is what a pod does before its peers come.
/// <para>
/// Skipped while the served package set cannot run Akka.Management's HTTP endpoint: Akka.Http.Shim 1.5.73 is
/// built against Ceen.Httpd 0.9.9 (not served), restore takes 0.9.10 (NU1603, suppressed), whose
/// <c>HttpServer.ListenAsync</c> takes an <c>EndPoint</c> instead of an <c>IPEndPoint</c>: binding throws
/// MissingMethodException and ClusterBootstrap terminates the ActorSystem. Remove the Skip when a compatible
/// pair is served; the test then proves kubernetes mode end to end on one node.
/// </para>
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterBootstrapStartTests
{
    public const string CeenSkip =
        "Akka.Http.Shim 1.5.73 needs Ceen.Httpd 0.9.9; only 0.9.10 is served (ListenAsync(IPEndPoint,...) missing): Akka.Management cannot bind";

    [Fact(Skip = CeenSkip)]
    public async Task Kubernetes_mode_starts_management_with_bootstrap_routes()
    {
        var managementPort = FreePort.Get();
        var options = new DiscoveryOptions { Mode = DiscoveryOptions.ModeKubernetes, ManagementPort = managementPort, RequiredContactPoints = 1 };
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("realtime", (akka, _) =>
                akka.WithRemoting("127.0.0.1", FreePort.Get())
                    .WithClustering(new ClusterOptions())
                    .WithRealtimeClusterBootstrap(options)
                    .WithRealtimeSplitBrainResolver()))
            .Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            HttpResponseMessage? response = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    response = await http.GetAsync($"http://127.0.0.1:{managementPort}/bootstrap/seed-nodes");
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.NotNull(response);
            Assert.True(response!.IsSuccessStatusCode, $"GET /bootstrap/seed-nodes answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("selfNode", body, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
