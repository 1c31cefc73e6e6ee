using Realtime.Messages.Settings;

namespace Realtime.App.Hosting;

/// <summary>Where chat rooms are journaled: a SQLite file (default, embedded) or PostgreSQL (production).</summary>
public sealed record ChatJournalSettings
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary><c>"sqlite"</c> or <c>"postgresql"</c> (case-insensitive).</summary>
    public string Provider { get; init; } = Sqlite;

    public string ConnectionString { get; init; } = "Data Source=./data/realtime.db";

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>The linq2db provider names of SQLite (Microsoft.Data.Sqlite) and PostgreSQL (Npgsql).</summary>
    public string LinqToDbProviderName => IsSqlite ? "SQLite.MS" : "PostgreSQL.15";

    /// <summary>Throws with a readable message when the settings cannot work.</summary>
    public ChatJournalSettings Validate()
    {
        // Made from Realtime:Journal (JournalOptions), so the errors name those settings.
        var rules = new OptionRules("Realtime:Journal");
        rules.Check(IsSqlite || string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase),
                $"{rules.Name(nameof(Provider))} must be '{Sqlite}' or '{PostgreSql}', got '{Provider}'")
            .Check(!string.IsNullOrWhiteSpace(ConnectionString), $"{rules.Name(nameof(ConnectionString))} is empty")
            .ThrowIfAny();
        return this;
    }
}
