using Realtime.App.Hosting;
using Realtime.Messages.Settings;

namespace Realtime.App.Options;

/// <summary>
/// Where chat rooms are journaled (<c>Realtime:Journal</c>): <c>sqlite</c> (default, a file under the data
/// directory) or <c>postgresql</c> (a connection string is then required).
/// </summary>
public sealed class JournalOptions
{
    public const string DefaultSqliteFile = "realtime.db";

    /// <summary><c>sqlite</c> or <c>postgresql</c> (case-insensitive).</summary>
    public string Provider { get; set; } = ChatJournalSettings.Sqlite;

    /// <summary>ADO.NET connection string; empty with SQLite means <c>Data Source=&lt;DataDirectory&gt;/realtime.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsSqlite => string.Equals(Provider, ChatJournalSettings.Sqlite, StringComparison.OrdinalIgnoreCase);

    public ChatJournalSettings ToSettings(string dataDirectory) => new()
    {
        Provider = IsSqlite ? ChatJournalSettings.Sqlite : ChatJournalSettings.PostgreSql,
        ConnectionString = string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(dataDirectory, DefaultSqliteFile)}"
            : ConnectionString,
    };

    public IEnumerable<string> Validate()
    {
        var rules = new OptionRules("Realtime:Journal");
        if (!IsSqlite && !string.Equals(Provider, ChatJournalSettings.PostgreSql, StringComparison.OrdinalIgnoreCase))
            return rules.Check(false, $"{rules.Name(nameof(Provider))} must be '{ChatJournalSettings.Sqlite}' or '{ChatJournalSettings.PostgreSql}', got '{Provider}'").Errors;
        // Never echo the connection string: it may hold a password.
        return rules
            .Check(IsSqlite || !string.IsNullOrWhiteSpace(ConnectionString), $"{rules.Name(nameof(ConnectionString))} is required with the postgresql provider")
            .Check(string.IsNullOrWhiteSpace(ConnectionString) || IsValidConnectionString(ConnectionString),
                $"{rules.Name(nameof(ConnectionString))} is not a valid connection string (key=value;...)")
            .Errors;
    }

    private static bool IsValidConnectionString(string value)
    {
        try
        {
            _ = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = value };
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
