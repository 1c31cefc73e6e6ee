using Akka.Actor;
using Akka.Configuration;

namespace Realtime.Benchmarks;

/// <summary>The actor system of the session benchmarks: the app's shipped session mailbox, and the actors each iteration started.</summary>
public static class SessionBenchSystem
{
    /// <summary>An actor system with <c>hocon/sessions.hocon</c> (copied next to the benchmarks), warnings only.</summary>
    public static ActorSystem Create()
    {
        var sessions = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "sessions.hocon")));
        return ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(sessions));
    }

    /// <summary>Stops the actors an iteration started, so the next one begins from the same heap.</summary>
    public static void StopAll(List<IActorRef> started)
    {
        Task.WaitAll(started.Select(actor => actor.GracefulStop(TimeSpan.FromSeconds(30))));
        started.Clear();
    }
}
