using NATS.Client.Core;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

public static class NatsConnectionFactory
{
    public static NatsConnection Create(NatsOptions options) =>
        new(NatsOpts.Default with { Url = options.Url!, Name = "akka-realtime" });
}
