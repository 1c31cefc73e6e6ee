using System.Diagnostics;
using System.Runtime.InteropServices;
using Realtime.Tests.Integration;

namespace Realtime.Tests.Failover;

/// <summary>
/// One gateway as a real <c>dotnet Realtime.App.dll</c> process (the app built next to the tests), configured by
/// environment variables as an operator would. Stopped by its PID only: <see cref="Kill"/> is <c>kill -9</c>,
/// <see cref="Terminate"/> SIGTERM, <see cref="Pause"/>/<see cref="Resume"/> are SIGSTOP/SIGCONT, and disposing kills it if it still runs.
/// Its output goes to <c>gateway.log</c> in its data directory.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private GatewayProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public Uri ChatUri => new($"ws://{BaseAddress.Authority}/chat");

    /// <summary>
    /// What a single Production node needs, as an operator sets it: its address, data directory, the directory
    /// snapshot there (<c>directory.json</c>), the test keys and a remoting port. Callers add the rest.
    /// </summary>
    public static Dictionary<string, string> ProductionEnvironment(Uri baseAddress, string dataDirectory, int remotingPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Realtime__AkkaLogLevel"] = "WARNING",
        ["Realtime__Urls"] = baseAddress.ToString().TrimEnd('/'),
        ["Realtime__DataDirectory"] = dataDirectory,
        ["Realtime__Directory__SnapshotFile"] = Path.Combine(dataDirectory, "directory.json"),
        ["Realtime__Jwt__Issuer"] = TestGateway.Issuer,
        ["Realtime__Jwt__Audience"] = TestGateway.Audience,
        ["Realtime__Jwt__HmacKeys__0"] = TestGateway.SigningKey,
        ["Realtime__Ingest__Keys__0"] = TestGateway.IngestKey,
        ["Realtime__Cluster__Hostname"] = "127.0.0.1",
        ["Realtime__Cluster__Port"] = remotingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Starts the app with <paramref name="environment"/> (only these <c>Realtime__*</c> variables; inherited ones are dropped).</summary>
    public static GatewayProcess Start(IReadOnlyDictionary<string, string> environment, Uri baseAddress, string dataDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost(), $"\"{AppAssembly()}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Realtime__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var logPath = Path.Combine(dataDirectory, "gateway.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new GatewayProcess(process, log, baseAddress, logPath);
    }

    /// <summary>Waits until <c>/readyz</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (HasExited)
                throw new InvalidOperationException($"gateway {Pid} exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"gateway {Pid} not ready in {timeout.TotalSeconds} s:\n{Tail()}");
    }

    /// <summary><c>kill -9</c>: no drain, no leave; the others must find out.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: the node drains, then leaves.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>Waits for the process to end; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_log)
        {
            try
            {
                using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
            }
            catch (IOException e)
            {
                return $"(no log: {e.Message})";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal(SigCont);
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && SendSignal(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the process wrote after the test ended
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>src/Realtime.App/bin/&lt;configuration&gt;/&lt;tfm&gt;/Realtime.App.dll, built with the tests (a project reference).</summary>
    private static string AppAssembly()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var root = configuration.Parent!.Parent!.Parent!.Parent!;
        var path = Path.Combine(root.FullName, "src", "Realtime.App", "bin", configuration.Name, tfm.Name, "Realtime.App.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build src/Realtime.App first: {path} is missing");
    }

    /// <summary>The role that may create the GLOBAL rooms the failover tests post into (<c>Chat:GlobalRoomCreatorRoles</c>).</summary>
    public const string PosterRole = "role-poster";

    /// <summary>The token every process accepts (the signing key of <see cref="TestGateway"/>).</summary>
    public static string Token(string login, string[] roles) => new Realtime.Actors.Auth.DevTokenIssuer(TestGateway.Issuer, TestGateway.Audience, TestGateway.SigningKey)
        .Issue(login, roles, "standard", null);
}
