using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>
/// Whether the chat journal's database answers a <c>SELECT 1</c> (Akka.Persistence.Sql's own connectivity check
/// cannot load with the packages this build uses). The answer is kept for a second so probes stay cheap.
/// </summary>
public sealed class JournalProbe(RealtimeOptions options)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime At, string? Problem) _last = (DateTime.MinValue, null);

    /// <summary>Null when the journal answered, else why not.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (DateTime.UtcNow - _last.At < CacheFor)
                return _last.Problem;
            _last = (DateTime.UtcNow, await QueryAsync(cancellationToken));
            return _last.Problem;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> QueryAsync(CancellationToken cancellationToken)
    {
        var settings = options.Journal.ToSettings(options.DataDirectory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using DbConnection connection = settings.IsSqlite
                ? new SqliteConnection(settings.ConnectionString)
                : new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException)
        {
            return $"journal unreachable: {e.Message}";
        }
    }
}
