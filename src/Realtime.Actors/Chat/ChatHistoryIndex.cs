using Realtime.Messages.Chat;

namespace Realtime.Actors.Chat;

/// <summary>
/// Index of a room's live messages in journal order (sequence number, Uuid, author, timestamp). Texts are
/// kept only for the newest <c>recentInMemory</c> entries and for edited ones (whose journal text is stale);
/// a page that needs other texts reads them from the journal by sequence number.
/// </summary>
public sealed class ChatHistoryIndex
{
    private readonly List<ChatSnapshotEntry> _entries;
    private readonly Dictionary<string, long> _sequenceByUuid;
    private readonly int _recentInMemory;

    public ChatHistoryIndex(int recentInMemory, IEnumerable<ChatSnapshotEntry>? entries = null)
    {
        _recentInMemory = recentInMemory;
        _entries = entries?.OrderBy(e => e.SequenceNr).ToList() ?? [];
        _sequenceByUuid = _entries.ToDictionary(e => e.Uuid, e => e.SequenceNr, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count - _recentInMemory; i++)
            ForgetText(i);
    }

    public int Count => _entries.Count;

    public IReadOnlyList<ChatSnapshotEntry> Entries => _entries;

    public bool TryGet(string uuid, out ChatSnapshotEntry entry)
    {
        entry = null!;
        if (!_sequenceByUuid.TryGetValue(uuid, out var sequenceNr))
            return false;
        entry = _entries[IndexOf(sequenceNr)];
        return true;
    }

    public void Append(long sequenceNr, ChatMessage message)
    {
        _entries.Add(new ChatSnapshotEntry(sequenceNr, message.Uuid, message.Author, message.Timestamp, message.Message, false));
        _sequenceByUuid[message.Uuid] = sequenceNr;
        ForgetText(_entries.Count - 1 - _recentInMemory);
    }

    /// <summary>Replaces the text of a live message; false when it is not (or no longer) live.</summary>
    public bool Edit(string uuid, string text)
    {
        if (!_sequenceByUuid.TryGetValue(uuid, out var sequenceNr))
            return false;
        var i = IndexOf(sequenceNr);
        _entries[i] = _entries[i] with { Text = text, Edited = true };
        return true;
    }

    public bool Remove(string uuid)
    {
        if (!_sequenceByUuid.Remove(uuid, out var sequenceNr))
            return false;
        _entries.RemoveAt(IndexOf(sequenceNr));
        return true;
    }

    /// <summary>
    /// Skips the <paramref name="offset"/> newest entries and returns up to <paramref name="limit"/> older ones,
    /// oldest first, and whether still older entries exist.
    /// </summary>
    public (IReadOnlyList<ChatSnapshotEntry> Entries, bool MayHaveMore) Page(int offset, int limit)
    {
        var end = _entries.Count - offset;
        if (end <= 0 || limit <= 0)
            return ([], false);
        var start = Math.Max(0, end - limit);
        return (_entries.GetRange(start, end - start), start > 0);
    }

    /// <summary>Up to <paramref name="limit"/> of the newest entries posted after <paramref name="sequenceNr"/>, oldest first.</summary>
    public IReadOnlyList<ChatSnapshotEntry> NewestAfter(long sequenceNr, int limit)
    {
        var lo = 0;
        var hi = _entries.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_entries[mid].SequenceNr <= sequenceNr)
                lo = mid + 1;
            else
                hi = mid;
        }
        var start = Math.Max(lo, _entries.Count - limit);
        return _entries.GetRange(start, _entries.Count - start);
    }

    private void ForgetText(int i)
    {
        if (i >= 0 && _entries[i] is { Edited: false, Text: not null } entry)
            _entries[i] = entry with { Text = null };
    }

    private int IndexOf(long sequenceNr)
    {
        var lo = 0;
        var hi = _entries.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = _entries[mid].SequenceNr;
            if (at == sequenceNr)
                return mid;
            if (at < sequenceNr)
                lo = mid + 1;
            else
                hi = mid - 1;
        }

        throw new InvalidOperationException($"index out of sync: no entry at sequence {sequenceNr}");
    }
}
