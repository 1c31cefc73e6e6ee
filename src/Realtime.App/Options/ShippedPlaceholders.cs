namespace Realtime.App.Options;

/// <summary>
/// The example secrets shipped in <c>docker/</c> (Kubernetes Secret, compose defaults). Anyone can read them, so
/// outside Development a node configured with one refuses to start. Compared exactly: a real secret that merely
/// contains "change-me" is the operator's choice.
/// </summary>
public static class ShippedPlaceholders
{
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.Ordinal)
    {
        "change-me-signing-key-at-least-32-bytes-long",
        "change-me-ingest-key-at-least-32-bytes",
        "compose-dev-signing-key-change-me-0123456789",
        "compose-dev-ingest-key-change-me-0123",
        "Host=postgres.realtime.svc.cluster.local;Port=5432;Username=realtime;Password=change-me;Database=realtime",
    };

    /// <summary>One error per setting that holds a shipped placeholder, naming the setting, never the value.</summary>
    public static IEnumerable<string> Find(RealtimeOptions options)
    {
        for (var i = 0; i < options.Jwt.HmacKeys.Count; i++)
            if (Secrets.Contains(options.Jwt.HmacKeys[i]))
                yield return $"Realtime:Jwt:HmacKeys[{i}] is the placeholder shipped in docker/: supply your own secret";
        for (var i = 0; i < options.Ingest.Keys.Count; i++)
            if (Secrets.Contains(options.Ingest.Keys[i]))
                yield return $"Realtime:Ingest:Keys[{i}] is the placeholder shipped in docker/: supply your own key";
        if (options.Journal.ConnectionString is { } connection && Secrets.Contains(connection))
            yield return "Realtime:Journal:ConnectionString is the placeholder shipped in docker/: supply your own";
    }
}
