using k8s;
using k8s.Models;
using Realtime.Actors.ClusterFormation;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// The gateway pods, read from the Kubernetes API (KubernetesClient, <c>GET /api/v1/namespaces/{ns}/pods?labelSelector=...</c>):
/// every Running pod with an IP and a container port named <see cref="DiscoveryOptions.RemotingPortName"/> gives
/// <c>(podIP, that port)</c>, serving or, when it is being deleted, terminating. Needs RBAC get/list on pods.
/// </summary>
public sealed class KubernetesPodLookup : ISeedNodeLookup, IDisposable
{
    /// <summary>Where Kubernetes mounts the pod's service account (token, ca.crt, namespace).</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly Kubernetes _client;

    private KubernetesPodLookup(Kubernetes client, string podNamespace, string labelSelector, string portName)
    {
        _client = client;
        Namespace = podNamespace;
        LabelSelector = labelSelector;
        PortName = portName;
    }

    public string Namespace { get; }
    public string LabelSelector { get; }
    public string PortName { get; }

    /// <summary>
    /// In-cluster client (service account token and CA, <c>KUBERNETES_SERVICE_HOST/PORT</c>), or an unauthenticated
    /// one on <see cref="DiscoveryOptions.ApiServerUrl"/>. Throws when neither is available.
    /// </summary>
    public static KubernetesPodLookup Create(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KubernetesClientConfiguration config;
        if (!string.IsNullOrWhiteSpace(options.ApiServerUrl))
        {
            config = new KubernetesClientConfiguration { Host = options.ApiServerUrl };
        }
        else
        {
            try
            {
                config = KubernetesClientConfiguration.InClusterConfig();
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    "Discovery:Mode=kubernetes needs the in-cluster Kubernetes API (KUBERNETES_SERVICE_HOST/PORT and the " +
                    $"service account in {ServiceAccountDirectory}); outside a pod set Discovery:ApiServerUrl (e.g. kubectl proxy): {e.Message}", e);
            }
        }
        var podNamespace = string.IsNullOrWhiteSpace(options.PodNamespace)
            ? ReadServiceAccountNamespace() ?? config.Namespace ?? "default"
            : options.PodNamespace.Trim();
        return new KubernetesPodLookup(new Kubernetes(config), podNamespace, options.EffectiveLabelSelector, DiscoveryOptions.RemotingPortName);
    }

    public async Task<PodListing> ListAsync(CancellationToken cancellationToken)
    {
        var pods = await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: LabelSelector, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return Listing(pods, PortName);
    }

    /// <summary>
    /// The remoting endpoints of the pods that run (Running, with an IP and the named port): serving, or terminating
    /// when the pod is being deleted. Pending, failed, evicted and succeeded pods are in neither list.
    /// </summary>
    public static PodListing Listing(V1PodList pods, string portName)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var serving = new List<SeedCandidate>();
        var terminating = new List<SeedCandidate>();
        foreach (var pod in pods.Items ?? [])
        {
            if (!string.Equals(pod.Status?.Phase, "Running", StringComparison.OrdinalIgnoreCase))
                continue;
            var ip = pod.Status?.PodIP;
            if (string.IsNullOrWhiteSpace(ip))
                continue;
            var port = (pod.Spec?.Containers ?? [])
                .SelectMany(c => c.Ports ?? [])
                .FirstOrDefault(p => string.Equals(p.Name, portName, StringComparison.Ordinal));
            if (port is null)
                continue;
            (pod.Metadata?.DeletionTimestamp is null ? serving : terminating).Add(new SeedCandidate(ip, port.ContainerPort));
        }
        return new PodListing(serving, terminating);
    }

    public void Dispose() => _client.Dispose();

    private static string? ReadServiceAccountNamespace()
    {
        var path = Path.Combine(ServiceAccountDirectory, "namespace");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() is { Length: > 0 } ns ? ns : null : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
