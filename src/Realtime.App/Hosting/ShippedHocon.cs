using System.Globalization;
using Akka.Configuration;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// The Akka configuration that is neither code nor a setting: the files of <c>hocon/</c> (copied next to the app and
/// into the image), one per concern, with the operator's <c>Realtime:Cluster</c> settings in front of them.
/// </summary>
public static class ShippedHocon
{
    /// <summary>The shipped directory, relative to the app's directory.</summary>
    public const string Directory = "hocon";

    /// <summary>Every shipped file; they set disjoint keys, so their order does not matter.</summary>
    public static readonly IReadOnlyList<string> Files = ["serialization.hocon", "sharding.hocon", "cluster.hocon", "sessions.hocon", "scheduler.hocon"];

    /// <summary>Every shipped file, with the <c>Realtime:Cluster</c> settings in front (they win over the files' values).</summary>
    public static Config For(ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ConfigurationFactory.ParseString($"""
            akka.cluster.split-brain-resolver.stable-after = {Milliseconds(options.SbrStableAfter)}
            akka.cluster.failure-detector.heartbeat-interval = {Milliseconds(options.HeartbeatInterval)}
            akka.cluster.failure-detector.acceptable-heartbeat-pause = {Milliseconds(options.AcceptableHeartbeatPause)}
            akka.cluster.down-removal-margin = {Milliseconds(options.DownRemovalMargin)}
            """);
        return Files.Select(Load).Aggregate(settings, (config, file) => config.WithFallback(file));
    }

    /// <summary>One shipped file; a missing one stops start-up naming the path.</summary>
    public static Config Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Directory, file);
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: it ships with the app (hocon/ of the repository)");
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
