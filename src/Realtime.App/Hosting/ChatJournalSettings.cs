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

    /// <summary>The linq2db provider name (VERSIONS.md: these two are known to work with linq2db 6.5.1).</summary>
    public string LinqToDbProviderName => IsSqlite ? "SQLite.MS" : "PostgreSQL.15";

    /// <summary>Throws with a readable message when the settings cannot work.</summary>
    public ChatJournalSettings Validate()
    {
        if (!IsSqlite && !string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"chat journal provider must be '{Sqlite}' or '{PostgreSql}', got '{Provider}'");
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("chat journal connection string is empty");
        return this;
    }
}
