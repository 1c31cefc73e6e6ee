using Microsoft.Extensions.Logging;
using Realtime.Tests.Infrastructure;

namespace Realtime.Tests.Integration;

/// <summary>Akka's log events reach Microsoft.Extensions.Logging as plain entries: a category per source, the message alone.</summary>
[Collection("gateway")]
public sealed class AkkaLogStreamTests
{
    [Fact]
    public async Task Akka_log_events_are_logged_under_an_akka_category_with_the_message_alone()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await TestGateway.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Akka"] = "Information", ["Realtime:AkkaLogLevel"] = "INFO" }, logs: logs);

        var akka = logs.Lines.Where(l => l.Category.StartsWith("Akka.", StringComparison.Ordinal)).ToList();
        var all = string.Join("\n", akka.Select(l => $"{l.Category}: {l.Message}"));
        var joined = Assert.Single(akka, l => l.Category == "Akka.Cluster" && l.Message.Contains("is JOINING itself", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, joined.Level);
        Assert.Contains("(Cluster (akka://", joined.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(akka, l => l.Message.StartsWith('['));
        Assert.True(akka.Count > 3, all);
    }
}
