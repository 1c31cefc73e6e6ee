using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace Realtime.Tests.Infrastructure;

[Collection("nats")]
public sealed class NatsServerFixtureTests(NatsServerFixture nats)
{
    [Fact]
    public async Task Server_sends_INFO_on_connect()
    {
        Assert.StartsWith("nats://127.0.0.1:", nats.Url, StringComparison.Ordinal);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", nats.Port, cts.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);

        var line = await reader.ReadLineAsync(cts.Token);

        Assert.NotNull(line);
        Assert.StartsWith("INFO {", line, StringComparison.Ordinal);
        Assert.Contains("\"server_id\"", line, StringComparison.Ordinal);
    }
}

[Collection("postgres")]
public sealed class PostgresFixtureTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Shared_database_answers()
    {
        await using var conn = new NpgsqlConnection(postgres.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select current_database()", conn);

        Assert.Equal("realtime_test", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Created_database_is_isolated_and_answers_select_1()
    {
        var cs = await postgres.CreateDatabaseAsync(nameof(Created_database_is_isolated_and_answers_select_1));

        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        Assert.NotEqual("realtime_test", conn.Database);
        await using var cmd = new NpgsqlCommand("select 1", conn);

        Assert.Equal(1, await cmd.ExecuteScalarAsync());
    }
}
