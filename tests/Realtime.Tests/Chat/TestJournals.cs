using Realtime.App.Hosting;

namespace Realtime.Tests.Chat;

/// <summary>Real journals for tests: a temp SQLite file, or the PostgreSQL server named by REALTIME_TEST_POSTGRES.</summary>
public static class TestJournals
{
    public const string PostgresVariable = "REALTIME_TEST_POSTGRES";

    public static ChatJournalSettings TempSqlite(out string path)
    {
        path = Path.Combine(Path.GetTempPath(), $"realtime-chat-{Guid.NewGuid():N}.db");
        return new ChatJournalSettings { Provider = ChatJournalSettings.Sqlite, ConnectionString = $"Data Source={path}" };
    }

    /// <summary>Fails (never skips) without a server, so a CI without PostgreSQL cannot pass silently.</summary>
    public static ChatJournalSettings Postgres()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
            Assert.Fail($"{PostgresVariable} is not set: export a PostgreSQL connection string, e.g. "
                        + "\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\" (scripts/test.sh starts one: initdb/pg_ctl as the postgres user on a free port on 127.0.0.1).");
        return new ChatJournalSettings { Provider = ChatJournalSettings.PostgreSql, ConnectionString = connectionString };
    }

    public static void DeleteSqlite(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }
}
