using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Data.Sqlite;
using Realtime.Actors.Chat;
using Realtime.App.Options;
using Realtime.Messages.Settings;

namespace Realtime.App.Hosting;

/// <summary>Akka.Hosting wiring of the chat side: the SQL journal and the chat room shard region.</summary>
public static class ChatHostingExtensions
{
    /// <summary>Sharding type name of chat rooms; frozen, it names the shards on every node.</summary>
    public const string ChatRoomTypeName = "chat-room";

    /// <summary>The chat side as configured: the journal of <c>Realtime:Journal</c> and the rooms of <c>Realtime:Chat</c>.</summary>
    public static AkkaConfigurationBuilder WithRealtimeChat(this AkkaConfigurationBuilder builder, RealtimeOptions options) =>
        builder
            .WithRealtimePersistence(options.Journal.ToSettings(options.DataDirectory))
            .WithRealtimeChatRooms(options.Chat.ToRoomSettings(), options.Chat.ShardCount);

    /// <summary>
    /// Akka.Persistence.Sql as default journal, snapshot store and query journal (tables created on start).
    /// SQLite takes one writer, so the journal writes with parallelism 1 there.
    /// </summary>
    public static AkkaConfigurationBuilder WithRealtimePersistence(this AkkaConfigurationBuilder builder, ChatJournalSettings settings)
    {
        settings.Validate();
        if (settings.IsSqlite)
            EnsureSqliteDirectory(settings.ConnectionString);

        builder.WithSqlPersistence(
            connectionString: settings.ConnectionString,
            providerName: settings.LinqToDbProviderName,
            mode: PersistenceMode.Both,
            autoInitialize: true);
        if (settings.IsSqlite)
            builder.AddHocon("akka.persistence.journal.sql.parallelism = 1", HoconAddMode.Prepend);
        return builder;
    }

    /// <summary>
    /// The chat room shard region (registered as <see cref="ChatRoomRegion"/>). Its sharding settings (distributed
    /// data, no remembered entities, no idle passivation: rooms passivate themselves) and the chat serializer's
    /// bindings are in <c>hocon/</c> (<see cref="ShippedHocon"/>).
    /// </summary>
    public static AkkaConfigurationBuilder WithRealtimeChatRooms(this AkkaConfigurationBuilder builder, ChatRoomSettings settings, int shardCount)
    {
        settings.Validate();
        new OptionRules("Realtime:Chat").AtLeast("ShardCount", shardCount, 1).ThrowIfAny();

        return builder
            .WithShardRegion<ChatRoomRegion>(
                ChatRoomTypeName,
                entityId => ChatRoomActor.Props(entityId, settings),
                new ChatRoomMessageExtractor(shardCount),
                new ShardOptions());
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && !string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
    }
}
