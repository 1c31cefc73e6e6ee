using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Realtime.Actors.Auth;

namespace Realtime.RecoveryStorm;

/// <summary>
/// A reconnect storm against a gateway process (issue 8): N v2 clients subscribe, all drop, M events for their
/// workspace are ingested, then all reconnect at once with their cursor. Prints the time until every client has
/// its M missed frames, the server's CPU during the storm, and its resident memory before and at the peak.
/// Usage: dotnet run -c Release --project bench/Realtime.RecoveryStorm -- [--clients 2000] [--missed 500] [--dll path]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var clients = IntArg(args, "--clients", 2000);
        var missed = IntArg(args, "--missed", 500);
        var dll = Arg(args, "--dll") ?? Path.GetFullPath("src/Realtime.App/bin/Release/net10.0/Realtime.App.dll");
        ThreadPool.SetMinThreads(256, 256);
        var directory = Path.Combine(Path.GetTempPath(), $"recovery-storm-directory-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(directory, """
            { "Workspaces": [ { "UUID": "ws-storm", "Slug": "storm", "RootNodes": { "n-storm": { "Uuid": "n-storm", "Path": "ds/storm" } } } ],
              "Acls": [ { "ID": "a", "RoleID": "r-storm", "WorkspaceID": "ws-storm", "NodeID": "n-storm", "Action": { "Name": "read", "Value": "1" } } ] }
            """);
        await using var server = await ServerProcess.StartAsync(dll, directory, new Dictionary<string, string>
        {
            ["Realtime__Recovery__MaxReplayFrames"] = (missed * 2).ToString(),
            ["Realtime__Recovery__MaxEvents"] = Math.Max(10_000, missed * 2).ToString(),
        });
        var tokens = new DevTokenIssuer(ServerProcess.Issuer, ServerProcess.Audience, ServerProcess.SigningKey);
        var ws = new Uri($"ws://{server.Address.Authority}/ws");

        // Everyone subscribes (v2) and keeps its position, then drops.
        var cursors = await ForAllAsync(clients, 64, async i =>
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(ws, CancellationToken.None);
            await SendAsync(socket, Subscribe(tokens.Issue($"u{i}", ["r-storm"]), null));
            var cursor = JsonDocument.Parse(await ReceiveAsync(socket)).RootElement.GetProperty("pos").GetString()!;
            socket.Abort();
            return cursor;
        });
        Console.WriteLine($"{clients} v2 clients subscribed and dropped; ingesting {missed} events for their workspace");

        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.IngestKey);
        for (var sent = 0; sent < missed; sent += 100)
        {
            var batch = Enumerable.Range(sent, Math.Min(100, missed - sent))
                .Select(i => "{\"Type\":\"DELETE\",\"Source\":{\"Uuid\":\"n-" + i + "\",\"Path\":\"ds/storm/f" + i + ".txt\",\"Type\":\"LEAF\"}}");
            (await http.PostAsync("/api/v1/events/tree", new StringContent("[" + string.Join(",", batch) + "]"))).EnsureSuccessStatusCode();
        }
        await Task.Delay(1000);

        var rssBefore = server.MemoryMiB().Now;
        var peak = rssBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancelled())
            {
                peak = Math.Max(peak, server.MemoryMiB().Now);
                await Task.Delay(50);
            }
        });
        var cpuBefore = server.CpuTime();
        var clock = Stopwatch.StartNew();
        var sockets = new List<ClientWebSocket>();
        var outcomes = await ForAllAsync(clients, 256, async i =>
        {
            var socket = new ClientWebSocket();
            lock (sockets)
                sockets.Add(socket);
            await socket.ConnectAsync(ws, CancellationToken.None);
            await SendAsync(socket, Subscribe(tokens.Issue($"u{i}", ["r-storm"]), cursors[i]));
            var recovered = JsonDocument.Parse(await ReceiveAsync(socket)).RootElement.GetProperty("recovered").GetBoolean();
            var frames = 0;
            while (recovered && frames < missed)
            {
                await ReceiveAsync(socket);
                frames++;
            }
            return (recovered, frames);
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = (server.CpuTime() - cpuBefore).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        foreach (var socket in sockets)
            socket.Abort();

        var recoveredCount = outcomes.Count(o => o.recovered && o.frames == missed);
        Console.WriteLine($"recovered: {recoveredCount}/{clients} ({outcomes.Count(o => !o.recovered)} answered recovered:false)");
        Console.WriteLine($"time until every client had its {missed} missed frames: {seconds:F2} s");
        Console.WriteLine($"server CPU during the storm: {cpu:F2} s ({cpu / seconds:F2} cores, {cpu * 1e6 / Math.Max(1, (long)recoveredCount * missed):F1} µs per replayed frame)");
        Console.WriteLine($"server RSS: {rssBefore:F0} MiB before, {peak:F0} MiB peak during the storm");
        File.Delete(directory);
        return recoveredCount == clients ? 0 : 1;
    }

    private static bool IsCancelled(this CancellationTokenSource source) => source.IsCancellationRequested;

    private static string Subscribe(string jwt, string? recover) =>
        JsonSerializer.Serialize(recover is null
            ? new Dictionary<string, object> { ["@type"] = "subscribe", ["jwt"] = jwt, ["v"] = 2 }
            : new Dictionary<string, object> { ["@type"] = "subscribe", ["jwt"] = jwt, ["v"] = 2, ["recover"] = recover });

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    private static async Task<T[]> ForAllAsync<T>(int count, int concurrency, Func<int, Task<T>> body)
    {
        using var gate = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await body(i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static string? Arg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int IntArg(string[] args, string name, int fallback) =>
        Arg(args, name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
