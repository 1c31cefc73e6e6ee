using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>Chat history survives a gateway restart on the default SQLite journal (a file under the data directory).</summary>
[Collection("gateway")]
public sealed class ChatRestartTests
{
    [Fact]
    public async Task History_is_complete_and_ordered_after_a_restart_on_the_same_sqlite_data_directory() =>
        await ChatRestartScenario.RunAsync();
}

/// <summary>The same restart with <c>Realtime:Journal:Provider=postgresql</c>; fails (never skips) without REALTIME_TEST_POSTGRES.</summary>
[Collection("postgres")]
public sealed class ChatPostgresRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task History_is_complete_and_ordered_after_a_restart_on_postgresql() =>
        await ChatRestartScenario.RunAsync(
            ("Realtime:Journal:Provider", "postgresql"),
            ("Realtime:Journal:ConnectionString", await postgres.CreateDatabaseAsync("chat_restart")));
}
