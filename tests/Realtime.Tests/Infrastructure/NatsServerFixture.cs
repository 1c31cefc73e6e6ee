using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Realtime.Tests.Infrastructure;

/// <summary>
/// Starts a private <c>nats-server</c> on a free port of 127.0.0.1 for the tests of the "nats" collection,
/// and kills exactly that process on dispose. The binary comes from REALTIME_TEST_NATS_SERVER, else PATH,
/// else /usr/sbin or /usr/bin. A missing binary fails the tests (it does not skip them).
/// </summary>
public sealed class NatsServerFixture : IAsyncLifetime, IDisposable
{
    public const string BinaryEnvVar = "REALTIME_TEST_NATS_SERVER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; private set; }

    public string Url => $"nats://127.0.0.1:{Port}";

    private string? _storeDirectory;

    /// <summary>Deletes the gateway's JetStream stream, so a test starts from an empty bus (the server is shared).</summary>
    public async Task ResetStreamAsync(string stream = "REALTIME")
    {
        await using var connection = new NATS.Client.Core.NatsConnection(NATS.Client.Core.NatsOpts.Default with { Url = Url });
        var js = new NATS.Client.JetStream.NatsJSContext(connection);
        try
        {
            await js.DeleteStreamAsync(stream);
        }
        catch (NATS.Client.JetStream.NatsJSApiException e) when (e.Error.Code == 404)
        {
            // No stream yet.
        }
    }

    public async Task InitializeAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(
            $"nats-server not found: set {BinaryEnvVar}, put nats-server on PATH, " +
            "or run scripts/test.sh (it installs it with apt-get).");

        // A port that was free a moment ago can be taken by the time the server binds: retry a few times.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = FreePort.Get();
            try
            {
                Start(binary, Port);
                await WaitUntilAcceptingAsync(Port, StartTimeout).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                last = ex;
                StopProcess();
            }
        }

        throw new InvalidOperationException($"nats-server did not start: {last?.Message}", last);
    }

    /// <summary>Stops the server (this fixture's process only); <see cref="RestartAsync"/> brings it back on the same port and store.</summary>
    public void Stop() => StopProcess();

    public async Task RestartAsync()
    {
        Start(FindBinary()!, Port);
        await WaitUntilAcceptingAsync(Port, StartTimeout).ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopProcess();
        if (_storeDirectory is not null && Directory.Exists(_storeDirectory))
            Directory.Delete(_storeDirectory, recursive: true);
    }

    private void Start(string binary, int port)
    {
        var psi = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        // JetStream on, its storage in a folder of this fixture's own (removed with it).
        _storeDirectory ??= Directory.CreateTempSubdirectory("realtime-nats-").FullName;
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", _storeDirectory })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {binary}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAcceptingAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true } p)
            {
                throw new InvalidOperationException(
                    $"nats-server exited with code {p.ExitCode} before accepting connections:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await client.ConnectAsync("127.0.0.1", port, cts.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException(
            $"nats-server did not accept connections on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void StopProcess()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        finally
        {
            process.Dispose();
        }
    }

    private static string? FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable(BinaryEnvVar);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return File.Exists(fromEnv) ? fromEnv : throw new InvalidOperationException(
                $"{BinaryEnvVar}={fromEnv} does not exist.");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "nats-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var candidate in new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

[CollectionDefinition("nats")]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
}
