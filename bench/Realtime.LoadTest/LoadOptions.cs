using System.Globalization;

namespace Realtime.LoadTest;

/// <summary>Command line: <c>--clients C --events E --duration S --batch B --queue-mb Q --max-backlog M --warmup W --only ours|signalr</c>.</summary>
public sealed record LoadOptions(int Clients, int Events, double DurationSeconds, int Batch, int QueueMegabytes, int MaxRouterBacklog, int Warmup, double TimeoutSeconds, string Only)
{
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(Clients: 200, Events: 20_000, DurationSeconds: 0, Batch: 100, QueueMegabytes: 16, MaxRouterBacklog: 0, Warmup: 1_000, TimeoutSeconds: 120, Only: "");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--clients" or "-c" => options with { Clients = Int() },
                "--events" or "-e" => options with { Events = Int() },
                "--duration" or "-d" => options with { DurationSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--batch" or "-b" => options with { Batch = Int() },
                "--queue-mb" => options with { QueueMegabytes = Int() },
                "--max-backlog" => options with { MaxRouterBacklog = Int() },
                "--warmup" => options with { Warmup = Int() },
                "--timeout" => options with { TimeoutSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--only" => options with { Only = Next() },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown argument {args[i]}\n{Usage}"),
            };
        }
        if (options.Clients < 2 || options.Events < 1 || options.Batch < 1 || options.DurationSeconds < 0 || options.MaxRouterBacklog < 0)
            throw new ArgumentException($"bad sizes\n{Usage}");
        return options;
    }

    public const string Usage = """
        usage: Realtime.LoadTest [--clients 200] [--events 20000] [--duration 0] [--batch 100] [--queue-mb 16]
                                 [--max-backlog 0] [--warmup 1000] [--timeout 120] [--only ours|signalr]
          --clients   sockets, half in workspace A, half in workspace B (every event reaches clients/2 sockets)
          --events    events ingested in the measured phase (alternating A and B)
          --duration  seconds over which the events are paced; 0 = as fast as the ingest answers
          --batch     events per HTTP POST
          --queue-mb  the gateway's per-socket outbound bound (Realtime:Sockets:MaxQueueBytes)
          --max-backlog  the gateway's Realtime:Ingest:MaxRouterBacklog (503 + Retry-After above it); 0 = its default
        503 answers are waited out (Retry-After) and retried; the table counts them.
        """;
}
