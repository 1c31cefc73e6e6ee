using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Options;

public sealed class RealtimeOptionsTests
{
    private static RealtimeOptions Load(params (string Key, string Value)[] settings)
    {
        var data = Directory.CreateTempSubdirectory("realtime-options-").FullName;
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values["Realtime:DataDirectory"] = data;
        return RealtimeOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Environments.Development);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("0.5", 0.5)]
    [InlineData("00:00:07", 7)]
    public void A_duration_reads_plain_seconds_or_hh_mm_ss(string value, double seconds)
    {
        var options = Load(("Realtime:Sockets:AuthTimeout", value), ("Realtime:Chat:PresenceTimeout", value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Sockets.AuthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Chat.PresenceTimeout);
    }

    [Fact]
    public void The_inbound_burst_follows_the_rate_unless_set()
    {
        Assert.Equal(100, Load().Sockets.EffectiveInboundBurst);
        Assert.Equal(4, Load(("Realtime:Sockets:MaxInboundPerSecond", "2")).Sockets.EffectiveInboundBurst);
        Assert.Equal(7, Load(("Realtime:Sockets:MaxInboundPerSecond", "2"), ("Realtime:Sockets:InboundBurst", "7")).Sockets.EffectiveInboundBurst);
    }

    [Fact]
    public void Lists_come_as_one_comma_separated_value_or_as_indexed_keys()
    {
        Assert.Equal(["https://a", "https://b"], Load(("Realtime:Sockets:AllowedOrigins", "https://a, https://b")).Sockets.AllowedOrigins);
        Assert.Equal(["https://a"], Load(("Realtime:Sockets:AllowedOrigins", "https://a")).Sockets.AllowedOrigins);
        Assert.Equal(["https://a", "https://b"], Load(("Realtime:Sockets:AllowedOrigins:0", "https://a"), ("Realtime:Sockets:AllowedOrigins:1", "https://b")).Sockets.AllowedOrigins);
    }

    [Fact]
    public void The_node_lookup_is_off_by_default_and_binds_from_its_keys()
    {
        Assert.Null(Load().Directory.ToNodeLookupSettings());
        var lookup = Load(("Realtime:Directory:NodeLookupUrl", "http://platform:8080/a/nodes"), ("Realtime:Directory:NodeLookupCacheSize", "50"),
            ("Realtime:Directory:NodeLookupCacheTtl", "30"), ("Realtime:Directory:NodeLookupTimeout", "2")).Directory.ToNodeLookupSettings();
        Assert.Equal(new Realtime.Actors.Access.NodeLookupSettings(new Uri("http://platform:8080/a/nodes"), 50, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)), lookup);
    }

    [Theory]
    [InlineData("Realtime:Sockets:MaxFrameBytes", "0")]
    [InlineData("Realtime:Sockets:MaxConnections", "0")]
    [InlineData("Realtime:Sockets:MaxSocketsPerUser", "0")]
    [InlineData("Realtime:Sockets:AuthTimeout", "-1")]
    [InlineData("Realtime:Routing:SilentPerSecond", "-3")]
    [InlineData("Realtime:Nats:Url", "not a url")]
    [InlineData("Realtime:Cluster:SeedNodes", "tcp://nope")]
    [InlineData("Realtime:Directory:NodeLookupUrl", "ftp://platform/nodes")]
    [InlineData("Realtime:Directory:NodeLookupCacheSize", "0")]
    [InlineData("Realtime:Directory:NodeLookupCacheTtl", "-1")]
    [InlineData("Realtime:Directory:NodeLookupTimeout", "0")]
    [InlineData("Realtime:Cluster:SbrStableAfter", "0.5")]
    [InlineData("Realtime:Cluster:HeartbeatInterval", "0")]
    [InlineData("Realtime:Cluster:AcceptableHeartbeatPause", "0.6")]
    [InlineData("Realtime:Cluster:DownRemovalMargin", "0")]
    [InlineData("Realtime:Cluster:DownWhenRefused", "maybe")]
    [InlineData("Realtime:Sockets:FirstBytesTimeout", "00:00:00")]
    [InlineData("Realtime:Sockets:FirstBytesTimeout", "-00:00:01")]
    [InlineData("Realtime:Sockets:UpgradeOnConnection", "maybe")]
    public void A_bad_setting_stops_start_up_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load((key, value)));
        // The full name, as in appsettings.json (Realtime__Sockets__MaxFrameBytes in the environment).
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Upgrades_are_taken_on_the_connection_and_wait_ten_seconds_for_first_bytes_unless_set()
    {
        Assert.True(Load().Sockets.UpgradeOnConnection);
        Assert.Equal(TimeSpan.FromSeconds(10), Load().Sockets.FirstBytesTimeout);

        var set = Load(("Realtime:Sockets:UpgradeOnConnection", "false"), ("Realtime:Sockets:FirstBytesTimeout", "00:00:03"));

        Assert.False(set.Sockets.UpgradeOnConnection);
        Assert.Equal(TimeSpan.FromSeconds(3), set.Sockets.FirstBytesTimeout);
    }
}
