using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Realtime.App.Options;

namespace Realtime.Tests.Options;

/// <summary><c>Realtime:Routing:Partitions</c>: one per core by default, bound from its key (and so from <c>Realtime__Routing__Partitions</c>), at least 1.</summary>
public sealed class RoutingOptionsTests
{
    private static RealtimeOptions Load(params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        values["Realtime:DataDirectory"] = "/var/lib/realtime";
        return RealtimeOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Environments.Development);
    }

    [Fact]
    public void The_router_has_one_partition_per_core_unless_set()
    {
        Assert.Equal(Environment.ProcessorCount, Load().Routing.Partitions);
        Assert.Equal(5, Load(("Realtime:Routing:Partitions", "5")).Routing.Partitions);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Fewer_than_one_partition_stops_start_up_naming_the_setting(string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load(("Realtime:Routing:Partitions", value)));
        Assert.Contains("Routing:Partitions", error.Message);
    }
}
