using Realtime.App.Hosting;
using Realtime.App.Options;
using Realtime.Messages.Bus;
using Realtime.Messages.Chat;
using Realtime.Messages.Serialization;

namespace Realtime.Tests.Hosting;

/// <summary>The Akka configuration that is not code comes from hocon/, copied next to the app.</summary>
public sealed class ShippedHoconTests() : Akka.TestKit.Xunit2.TestKit(ShippedHocon.For(new ClusterNodeOptions()))
{
    [Fact]
    public void Serialization_bindings_come_from_the_shipped_file()
    {
        var bindings = ShippedHocon.Load("serialization.hocon").GetConfig("akka.actor.serialization-bindings");
        Assert.Equal("realtime-bus", bindings.GetString($"\"{typeof(BusEvent).FullName}, Realtime.Messages\""));
        Assert.Equal("realtime-chat", bindings.GetString($"\"{typeof(IChatSerializable).FullName}, Realtime.Messages\""));
    }

    [Fact]
    public void A_bus_event_round_trips_through_the_bound_serializer()
    {
        var change = new BusEvent(BusTopic.Tree, "{\"Type\":\"CREATE\"}"u8.ToArray(), new StreamPosition("m.1", 42), "tree:key:0");

        var serializer = Sys.Serialization.FindSerializerFor(change);
        Assert.IsType<BusEventSerializer>(serializer);
        Assert.Equal(BusEventSerializer.SerializerId, serializer.Identifier);
        var back = (BusEvent)Sys.Serialization.Deserialize(serializer.ToBinary(change), serializer.Identifier,
            Akka.Serialization.Serialization.ManifestFor(serializer, change));

        Assert.Equal((change.Topic, change.Position, change.DedupeId), (back.Topic, back.Position, back.DedupeId));
        Assert.Equal(change.Json, back.Json);
    }

    [Fact]
    public void Sharding_and_the_split_brain_resolver_come_from_the_shipped_files()
    {
        var config = Sys.Settings.Config;
        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.False(config.GetBoolean("akka.cluster.sharding.remember-entities"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.sharding.handoff-timeout"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.StartsWith("Akka.Cluster.SBR.SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
    }

    [Fact]
    public void The_timer_wheel_ticks_every_50_ms_in_the_running_system()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(50), Sys.Settings.Config.GetTimeSpan("akka.scheduler.tick-duration"));
    }

    [Fact]
    public void Cluster_settings_win_over_the_files()
    {
        var config = ShippedHocon.For(new ClusterNodeOptions { SbrStableAfter = TimeSpan.FromSeconds(7), AcceptableHeartbeatPause = TimeSpan.FromSeconds(9) });

        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(8.0, config.GetDouble("akka.cluster.failure-detector.threshold"));
    }

    [Fact]
    public void A_missing_file_stops_start_up_naming_its_path()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ShippedHocon.Load("absent.hocon"));
        Assert.Contains(Path.Combine(ShippedHocon.Directory, "absent.hocon"), error.Message);
    }
}
