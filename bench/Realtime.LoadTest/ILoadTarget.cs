namespace Realtime.LoadTest;

/// <summary>A server under load plus its clients, all in this process on loopback.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(LoadOptions options);

    /// <summary>Connects the clients, even ones to workspace A, odd ones to B; each records into <paramref name="recorder"/>().</summary>
    Task ConnectAsync(int clients, Func<Recorder> recorder);

    /// <summary>Ingests one JSON array of events, retrying after 503s; returns how many 503s it met.</summary>
    Task<int> PostAsync(string body);

    /// <summary>Sockets the server closed while the phase ran (slow consumers).</summary>
    int Closed { get; }
}
