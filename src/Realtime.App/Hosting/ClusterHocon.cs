using System.Globalization;
using Akka.Configuration;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// The cluster's Akka configuration: <c>hocon/cluster.hocon</c> (shipped next to the app: failure detector, SBR,
/// sharding and singleton mechanics) with the operator's <c>Realtime:Cluster</c> settings in front of it.
/// </summary>
public static class ClusterHocon
{
    /// <summary>The shipped file, relative to the app's directory.</summary>
    public static readonly string FilePath = Path.Combine("hocon", "cluster.hocon");

    public static Config For(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.Combine(AppContext.BaseDirectory, FilePath);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: it ships with the app (hocon/ of the repository)");
        var settings = $"""
            akka.cluster.split-brain-resolver.stable-after = {Milliseconds(options.SbrStableAfter)}
            akka.cluster.failure-detector.heartbeat-interval = {Milliseconds(options.HeartbeatInterval)}
            akka.cluster.failure-detector.acceptable-heartbeat-pause = {Milliseconds(options.AcceptableHeartbeatPause)}
            akka.cluster.down-removal-margin = {Milliseconds(options.DownRemovalMargin)}
            """;
        // The settings come last in one document, so they win over the file's values.
        return ConfigurationFactory.ParseString(File.ReadAllText(path) + "\n" + settings);
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
