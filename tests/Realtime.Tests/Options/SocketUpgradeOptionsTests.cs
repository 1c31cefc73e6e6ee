using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Options;

/// <summary><c>Realtime:Sockets:UpgradeOnConnection</c> and <c>FirstBytesTimeout</c>: defaults, binding, refusals.</summary>
public sealed class SocketUpgradeOptionsTests
{
    private static RealtimeOptions Load(params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values["Realtime:DataDirectory"] = "/var/lib/realtime";
        return RealtimeOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Environments.Development);
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

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public void A_first_bytes_timeout_that_is_not_positive_stops_start_up_naming_the_setting(string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load(("Realtime:Sockets:FirstBytesTimeout", value)));
        Assert.Contains("Sockets:FirstBytesTimeout", error.Message);
    }
}
