using System.Text.Json;
using System.Text.RegularExpressions;

namespace Realtime.Tests.Integration;

/// <summary>
/// <c>docker/grafana/akka-realtime.json</c> cannot drift from the code: every series its queries name is exported by
/// <c>/metrics</c> of a running node, and it is an importable dashboard with a Prometheus data source variable.
/// </summary>
[Collection("gateway")]
public sealed class GrafanaDashboardTests
{
    private const string DashboardPath = "docker/grafana/akka-realtime.json";

    // The gateway's own series and the runtime ones: anything else in an expression is PromQL or a label.
    private static readonly Regex SeriesName = new(@"\b(?:realtime|dotnet|process)_[a-z0-9_]+\b", RegexOptions.Compiled);

    [Fact]
    public async Task Every_series_the_dashboard_queries_is_exported_by_a_running_node()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot(), DashboardPath)));
        var root = dashboard.RootElement;
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray();
        Assert.Contains(variables, v => v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        var expressions = root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.True(expressions.Count >= 15, $"only {expressions.Count} queries");
        var used = expressions.SelectMany(e => SeriesName.Matches(e).Select(m => m.Value)).ToHashSet();

        await using var gateway = await TestGateway.StartAsync();
        // Histograms show their buckets once observed: one socket and one event make every realtime series appear.
        await using (var socket = await gateway.SubscribeAsync("alice", ["role-a"]))
        {
            await gateway.IngestAsync("tree", $"[{SampleDirectory.CreateIn("ds/a", "1", "n1")}]");
            await socket.ReceiveJsonAsync();
        }
        var exported = Regex.Matches(await gateway.Http.GetStringAsync("/metrics"), @"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[2].Value == "histogram"
                ? new[] { m.Groups[1].Value + "_bucket", m.Groups[1].Value + "_sum", m.Groups[1].Value + "_count" }
                : [m.Groups[1].Value])
            .ToHashSet();

        Assert.Empty(used.Except(exported));
        foreach (var series in new[] { "realtime_delivery_latency_seconds_bucket", "realtime_token_refusals_total", "realtime_jwks_refresh_failures_total", "realtime_cluster_members" })
            Assert.Contains(series, used);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akka.Realtime.sln")) && File.Exists(Path.Combine(dir.FullName, DashboardPath)))
                return dir.FullName;
        }
        throw new InvalidOperationException($"{DashboardPath} not found above {AppContext.BaseDirectory}");
    }
}
