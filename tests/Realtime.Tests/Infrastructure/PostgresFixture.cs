using Npgsql;
using Xunit;

namespace Realtime.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that scripts/test.sh starts, given by REALTIME_TEST_POSTGRES
/// (e.g. <c>Host=127.0.0.1;Port=5433;Username=postgres;Database=realtime_test</c>).
/// Without it the tests of the "postgres" collection fail (they do not skip).
/// </summary>
public sealed class PostgresFixture
{
    public const string EnvVar = "REALTIME_TEST_POSTGRES";

    public PostgresFixture()
    {
        var cs = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrWhiteSpace(cs))
        {
            throw new InvalidOperationException(
                $"PostgreSQL not available: run scripts/test.sh (it starts a throwaway server and sets {EnvVar}).");
        }

        ConnectionString = cs;
    }

    /// <summary>Connection string of the shared test database.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates a fresh, empty database and returns its connection string. The name is made unique
    /// (a suffix is appended) so a test can use it as a prefix, and lowercased to a valid identifier.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var safe = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        if (safe.Length > 40)
        {
            safe = safe[..40];
        }

        var dbName = $"t_{safe}_{suffix}";

        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", conn);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = dbName }.ConnectionString;
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
}
