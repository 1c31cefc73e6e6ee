using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Realtime.RecoveryStorm;

/// <summary>The gateway as its own process (so its RSS and CPU are its own), stopped by PID.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string SigningKey = "recovery-storm-signing-key-0123456789abcdef";
    public const string IngestKey = "recovery-storm-ingest-key-0123456789";
    public const string Issuer = "storm";
    public const string Audience = "storm";

    private readonly Process _process;
    private readonly string _data;

    private ServerProcess(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string dll, string directoryFile, IDictionary<string, string> settings)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("recovery-storm-").FullName;
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Realtime__Urls"] = $"http://127.0.0.1:{port}",
            ["Realtime__DataDirectory"] = data,
            ["Realtime__Directory__SnapshotFile"] = directoryFile,
            ["Realtime__Jwt__HmacKeys__0"] = SigningKey,
            ["Realtime__Jwt__Issuer"] = Issuer,
            ["Realtime__Jwt__Audience"] = Audience,
            ["Realtime__Ingest__Keys__0"] = IngestKey,
            ["Realtime__Ingest__MaxRouterBacklog"] = "1000000",
            ["Realtime__Cluster__Port"] = "0",
            ["Realtime__Drain__UnreadyDelay"] = "0",
            ["Realtime__AkkaLogLevel"] = "WARNING",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
            env[key] = value;
        foreach (var (key, value) in env)
            psi.Environment[key] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[server] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, data, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException("the gateway exited during start-up");
            try
            {
                if ((await http.GetAsync(new Uri(server.Address, "/readyz"))).StatusCode == HttpStatusCode.OK)
                    return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new TimeoutException("the gateway was not ready within 60 s");
    }

    /// <summary>Resident set size now and at its peak (VmHWM), in MiB.</summary>
    public (double Now, double Peak) MemoryMiB()
    {
        double Read(string key) => File.ReadLines($"/proc/{Pid}/status").Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    /// <summary>User + system CPU time the process used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
