using Realtime.Actors.Chat;
using Realtime.Messages.Chat;

namespace Realtime.Tests.Chat;

public sealed class ChatHistoryIndexTests
{
    private static ChatHistoryIndex Filled(int count, int recent)
    {
        var index = new ChatHistoryIndex(recent);
        for (var i = 1; i <= count; i++)
            index.Append(i * 2, new ChatMessage($"u{i}", "r", $"t{i}", "alice", i));
        return index;
    }

    [Fact]
    public void Pages_skip_the_newest_and_run_oldest_first()
    {
        var index = Filled(10, 100);
        var (entries, more) = index.Page(2, 3);
        Assert.Equal(["u6", "u7", "u8"], entries.Select(e => e.Uuid));
        Assert.True(more);
        (entries, more) = index.Page(8, 5);
        Assert.Equal(["u1", "u2"], entries.Select(e => e.Uuid));
        Assert.False(more);
        Assert.Empty(index.Page(10, 5).Entries);
    }

    [Fact]
    public void Only_recent_and_edited_texts_stay_in_memory()
    {
        var index = Filled(10, 3);
        Assert.True(index.Edit("u2", "new"));
        Assert.Equal([null, "new", null, null, null, null, null, "t8", "t9", "t10"], index.Entries.Select(e => e.Text));
    }

    [Fact]
    public void Removed_messages_leave_the_pages()
    {
        var index = Filled(5, 10);
        Assert.True(index.Remove("u3"));
        Assert.False(index.Remove("u3"));
        Assert.False(index.Edit("u3", "x"));
        Assert.False(index.TryGet("u3", out _));
        Assert.Equal(["u1", "u2", "u4", "u5"], index.Page(0, 10).Entries.Select(e => e.Uuid));
    }

    [Fact]
    public void The_newest_after_a_message_are_only_later_ones_at_most_the_limit_oldest_first()
    {
        var index = Filled(10, 10); // u1..u10 at sequence numbers 2, 4, ..., 20
        Assert.Equal(["u8", "u9", "u10"], index.NewestAfter(14, 5).Select(e => e.Uuid));
        Assert.Equal(["u9", "u10"], index.NewestAfter(15, 2).Select(e => e.Uuid));
        Assert.Equal(["u9", "u10"], index.NewestAfter(0, 2).Select(e => e.Uuid));
        Assert.Empty(index.NewestAfter(20, 5));
    }

    [Fact]
    public void A_restored_index_forgets_old_texts()
    {
        var restored = new ChatHistoryIndex(2, Filled(4, 10).Entries);
        Assert.Equal([null, null, "t3", "t4"], restored.Entries.Select(e => e.Text));
        Assert.True(restored.TryGet("u1", out var first));
        Assert.Equal(2, first.SequenceNr);
    }
}
