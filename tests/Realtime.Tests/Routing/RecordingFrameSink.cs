using System.Text;
using Realtime.Actors.Sessions;

namespace Realtime.Tests.Routing;

/// <summary>An in-memory <see cref="IFrameSink"/> that records frames and closes in the order they happen.</summary>
public sealed class RecordingFrameSink : IFrameSink
{
    public sealed record Entry(string? Frame, int? CloseCode, string? CloseReason);

    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate)
                return _entries.ToArray();
        }
    }

    /// <summary>Every frame received, as text.</summary>
    public IReadOnlyList<string> Frames => Entries.Where(e => e.Frame is not null).Select(e => e.Frame!).ToArray();

    /// <summary>The frames after the <c>subscribed</c> acknowledgement(s).</summary>
    public IReadOnlyList<string> Events => Frames.Where(f => !f.StartsWith("{\"@type\":\"subscribed\"", StringComparison.Ordinal)).ToArray();

    public IReadOnlyList<int> Closes => Entries.Where(e => e.CloseCode is not null).Select(e => e.CloseCode!.Value).ToArray();

    public bool TryEnqueue(byte[] frame)
    {
        lock (_gate)
            _entries.Add(new Entry(Encoding.UTF8.GetString(frame), null, null));
        return true;
    }

    public void Close(int code, string reason)
    {
        lock (_gate)
            _entries.Add(new Entry(null, code, reason));
    }

    public void Clear()
    {
        lock (_gate)
            _entries.Clear();
    }
}
