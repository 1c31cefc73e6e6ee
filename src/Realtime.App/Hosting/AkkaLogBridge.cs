using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Realtime.App.Hosting;

/// <summary>
/// Akka's logger: each log event becomes one Microsoft.Extensions.Logging entry under the category of the class
/// that logged it (<c>Akka.Remote.Remoting</c>, <c>Realtime.Actors.Routing.TopicRouter</c>, ...), with the message
/// alone and the actor path as a property, so Akka's lines look, filter (<c>Logging:LogLevel:Akka</c>) and serialize
/// (JSON console) like ASP.NET's. Akka.Hosting's own logger writes Akka's bracketed prefix into the message.
/// </summary>
public sealed class AkkaLogBridge : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;

    public AkkaLogBridge()
    {
        _factory = Context.System.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory
            ?? throw new InvalidOperationException("AkkaLogBridge needs a LoggerFactorySetup");
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent log:
                Write(log);
                return true;
            default:
                return false;
        }
    }

    private void Write(LogEvent log)
    {
        var logger = _factory.CreateLogger(CategoryOf(log));
        var level = log.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (logger.IsEnabled(level))
            logger.Log(level, log.Cause, "{AkkaMessage} ({AkkaSource})", log.Message?.ToString(), log.LogSource);
    }

    // Events logged with a plain string source ("remoting (akka://realtime)", "Cluster (akka://realtime)") have no
    // class: they go under Akka.<first word of the source>.
    private static string CategoryOf(LogEvent log) =>
        log.LogClass is { } type && type != typeof(DummyClassForStringSources)
            ? type.FullName ?? type.Name
            : "Akka." + (log.LogSource ?? "").Split([' ', '('], 2)[0];
}
