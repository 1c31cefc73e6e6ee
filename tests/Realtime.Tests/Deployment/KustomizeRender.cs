using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Realtime.Tests.Deployment;

/// <summary>
/// <c>kubectl kustomize docker/k8s</c>, rendered once per test class and parsed into JSON nodes. kubectl comes
/// from <c>REALTIME_TEST_KUBECTL</c> or the PATH (scripts/test.sh installs Debian's <c>kubernetes-client</c> when
/// missing). No kubectl is a failure, not a skip: the manifests would go unchecked.
/// </summary>
public sealed class KustomizeRender
{
    public const string KustomizationDir = "docker/k8s";

    public KustomizeRender()
    {
        RepoRoot = FindRepoRoot();
        Kubectl = FindKubectl() ?? throw new InvalidOperationException(
            "kubectl not found (set REALTIME_TEST_KUBECTL or put kubectl on PATH): run scripts/test.sh, which installs " +
            "Debian's kubernetes-client, or `apt-get install -y kubernetes-client`");
        Yaml = Run(Kubectl, ["kustomize", Path.Combine(RepoRoot, KustomizationDir)]);
        Objects = Parse(Yaml);
    }

    public string RepoRoot { get; }
    public string Kubectl { get; }
    public string Yaml { get; }
    public IReadOnlyList<JsonObject> Objects { get; }

    public JsonObject Single(string kind, string? name = null)
    {
        var found = Objects.Where(o => (string?)o["kind"] == kind && (name is null || (string?)o["metadata"]?["name"] == name)).ToList();
        Assert.True(found.Count == 1, $"expected one {kind}{(name is null ? "" : " " + name)} in the rendered kustomization, found {found.Count}");
        return found[0];
    }

    public IEnumerable<JsonObject> All(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The gateway container of the Deployment <c>realtime</c>.</summary>
    public JsonObject GatewayContainer() =>
        Single("Deployment", "realtime")["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();

    /// <summary>
    /// The gateway container's environment as the app sees it: ConfigMaps and Secrets of envFrom, then literal env
    /// values (the downward API ones are filled by Kubernetes at run time and are not included).
    /// </summary>
    public Dictionary<string, string> ContainerEnvironment()
    {
        var container = GatewayContainer();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            if (source!["configMapRef"] is { } cm)
                Merge(Single("ConfigMap", (string?)cm["name"])["data"]);
            if (source["secretRef"] is { } secret)
            {
                var s = Single("Secret", (string?)secret["name"]);
                Merge(s["stringData"]);
                foreach (var (key, encoded) in s["data"]?.AsObject() ?? [])
                    env[key] = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)encoded!));
            }
        }
        foreach (var e in container["env"]?.AsArray() ?? [])
            if (e!["value"] is { } v)
                env[(string)e["name"]!] = (string)v!;
        return env;

        void Merge(JsonNode? data)
        {
            foreach (var (key, v) in data?.AsObject() ?? [])
                env[key] = (string)v!;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akka.Realtime.sln")) && Directory.Exists(Path.Combine(dir.FullName, KustomizationDir)))
                return dir.FullName;
        }
        throw new InvalidOperationException($"repository root (Akka.Realtime.sln with {KustomizationDir}) not found above {AppContext.BaseDirectory}");
    }

    private static string? FindKubectl()
    {
        if (Environment.GetEnvironmentVariable("REALTIME_TEST_KUBECTL") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"REALTIME_TEST_KUBECTL={configured} does not exist");
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "kubectl"))
            .FirstOrDefault(File.Exists);
    }

    private static string Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stderr.Result}");
        return stdout.Result;
    }

    private static List<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
    }

    // Scalars stay strings (YAML 1.1 typing is not needed for these checks): compare numbers with int.Parse.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => null,
    };
}
