using Microsoft.Data.Sqlite;
using Npgsql;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>A journal outage under a live room on the default SQLite journal.</summary>
[Collection("gateway")]
public sealed class ChatJournalOutageTests
{
    [Fact]
    public async Task Frames_sent_while_the_sqlite_journal_is_down_are_answered_and_members_keep_receiving_after() =>
        await ChatJournalOutageScenario.RunAsync([], async (gateway, sql) =>
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(gateway.DataDirectory, "realtime.db")}");
            await connection.OpenAsync();
            await using var command = new SqliteCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        });
}

/// <summary>The same outage with <c>Realtime:Journal:Provider=postgresql</c>; fails (never skips) without REALTIME_TEST_POSTGRES.</summary>
[Collection("postgres")]
public sealed class ChatPostgresJournalOutageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Frames_sent_while_the_postgresql_journal_is_down_are_answered_and_members_keep_receiving_after()
    {
        var database = await postgres.CreateDatabaseAsync("chat_outage");
        await ChatJournalOutageScenario.RunAsync(
            [("Realtime:Journal:Provider", "postgresql"), ("Realtime:Journal:ConnectionString", database)],
            async (_, sql) =>
            {
                await using var connection = new NpgsqlConnection(database);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            });
    }
}
