using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.Actors.Auth;
using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>
/// Every setting of the gateway, bound from the <c>Realtime</c> section of appsettings.json and environment
/// variables (<c>Realtime__Sockets__AuthTimeout=00:00:05</c>). <see cref="Load"/> refuses a bad setting.
/// </summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Listen addresses that override the ASP.NET Core ones; unset, those apply (see ListenAddresses).</summary>
    public string? Urls { get; set; }
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Akka.NET's own log level: DEBUG, INFO, WARNING or ERROR.</summary>
    public string AkkaLogLevel { get; set; } = "INFO";
    public SocketOptions Sockets { get; set; } = new();
    public JwtSettings Jwt { get; set; } = new();
    public DirectoryOptions Directory { get; set; } = new();
    public RoutingOptions Routing { get; set; } = new();
    public ChatOptions Chat { get; set; } = new();
    public JournalOptions Journal { get; set; } = new();
    public IngestOptions Ingest { get; set; } = new();
    public NatsOptions Nats { get; set; } = new();
    public RecoveryOptions Recovery { get; set; } = new();
    public ClusterNodeOptions Cluster { get; set; } = new();
    public DrainOptions Drain { get; set; } = new();
    public DiscoveryOptions Discovery { get; set; } = new();
    public RevocationOptions Revocation { get; set; } = new();

    /// <summary>True when no signing key was configured and the generated development key is in use.</summary>
    public bool UsesDevSigningKey { get; private set; }

    /// <summary>True when no ingest key was configured and a generated development key is in use.</summary>
    public bool UsesDevIngestKey { get; private set; }

    public const string DevIssuer = "akka-realtime-dev";
    public const string DevAudience = "akka-realtime";
    public const string DevIngestKeyFile = "dev-ingest-key";

    /// <summary>The secrets: a single value is one secret, never split on commas (several go in indexed keys).</summary>
    public static readonly IReadOnlySet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        $"{SectionName}:Jwt:HmacKeys",
        $"{SectionName}:Ingest:Keys",
    };

    /// <summary>
    /// Binds and checks the settings. Only in the Development environment do missing keys and a missing directory
    /// fall back to generated keys and the sample directory; elsewhere they, and the placeholders shipped in
    /// docker/, stop start-up.
    /// </summary>
    public static RealtimeOptions Load(IConfiguration configuration, string environmentName)
    {
        var options = new RealtimeOptions();
        var given = configuration;
        configuration = EnvironmentFriendlySettings.Apply(configuration, typeof(RealtimeOptions), SectionName, SecretKeys);
        try
        {
            configuration.GetSection(SectionName).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The outer message names the setting ("Failed to convert ... at 'Realtime:...'"), the inner one the value.
            throw new OptionsException([e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}"]);
        }
        // An empty Chat:GlobalRooms names no room; the binder leaves the list unset, which would mean the default
        // (asked of the configuration as given: a chained one reads an empty value as none).
        if (options.Chat.GlobalRooms is null && given.GetSection($"{SectionName}:Chat:{nameof(ChatOptions.GlobalRooms)}").Value is not null)
            options.Chat.GlobalRooms = [];
        var development = string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase);
        options.Normalize(development);
        var errors = options.Validate().Concat(development ? [] : options.ValidateOutsideDevelopment()).ToList();
        if (errors.Count > 0)
            throw new OptionsException(errors);
        return options;
    }

    private void Normalize(bool development)
    {
        if (string.IsNullOrEmpty(Jwt.Issuer))
            Jwt.Issuer = DevIssuer;
        if (string.IsNullOrEmpty(Jwt.Audience))
            Jwt.Audience = DevAudience;
        if (!development)
            return;
        if (Jwt.HmacKeys.Count == 0 && !Jwt.HasJwks)
        {
            Jwt.HmacKeys.Add(DevSigningKey.LoadOrCreate(DataDirectory));
            UsesDevSigningKey = true;
        }
        if (Ingest.Keys.Count == 0)
        {
            Ingest.Keys.Add(DevSigningKey.LoadOrCreate(DataDirectory, DevIngestKeyFile));
            UsesDevIngestKey = true;
        }
        if (!Directory.HasSource)
            Directory.SnapshotFile = DirectoryOptions.SampleSnapshotFile;
    }

    private IEnumerable<string> ValidateOutsideDevelopment()
    {
        var rules = new OptionRules(SectionName)
            .Check(Directory.HasSource,
                $"{SectionName}:Directory:SnapshotFile or {SectionName}:Directory:SnapshotUrl is required outside Development (the sample directory is for Development only)")
            .Check(Ingest.Keys.Count > 0, $"{SectionName}:Ingest:Keys is required outside Development (keys are generated only in Development)");
        return rules.Errors.Concat(ShippedPlaceholders.Find(this));
    }

    private static readonly string[] AkkaLogLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "OFF"];

    private IEnumerable<string> Validate() =>
        new OptionRules(SectionName)
            .Check(AkkaLogLevels.Contains(AkkaLogLevel.ToUpperInvariant()), $"{SectionName}:{nameof(AkkaLogLevel)} must be DEBUG, INFO, WARNING, ERROR or OFF, got '{AkkaLogLevel}'")
            .Errors
            .Concat(Sockets.Validate())
            .Concat(Jwt.Validate())
            .Concat(Directory.Validate())
            .Concat(Routing.Validate())
            .Concat(Chat.Validate())
            .Concat(Journal.Validate())
            .Concat(Ingest.Validate())
            .Concat(Nats.Validate())
            .Concat(Recovery.Validate())
            .Concat(Cluster.Validate())
            .Concat(Drain.Validate())
            .Concat(Revocation.Validate())
            .Concat(Discovery.Validate(Cluster.SeedNodes));
}
