using System.Text;
using Realtime.Messages.Bus;

namespace Realtime.Actors.Recovery;

/// <summary>
/// A client's place in the stream (PROTOCOL 7.1): for each origin, the sequence of the last event the client has
/// been given (or did not need). Written <c>1.&lt;origin&gt;.&lt;seq base 36&gt;~...</c>, origins sorted, at most
/// <see cref="MaxLength"/> bytes; clients treat it as opaque.
/// </summary>
public sealed class StreamCursor
{
    public const int MaxLength = 128;
    private const string Prefix = "1.";

    private StreamCursor(IReadOnlyDictionary<string, long> sequences) => Sequences = sequences;

    public IReadOnlyDictionary<string, long> Sequences { get; }

    /// <summary>The last sequence of that origin covered by the cursor (0: none of its events).</summary>
    public long this[string origin] => Sequences.GetValueOrDefault(origin);

    public static string Format(IReadOnlyDictionary<string, long> sequences)
    {
        var text = new StringBuilder(Prefix);
        var first = true;
        foreach (var origin in sequences.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
                text.Append('~');
            first = false;
            text.Append(origin).Append('.').Append(Base36(sequences[origin]));
        }
        return text.ToString();
    }

    /// <summary>Null for anything that is not a cursor this server wrote.</summary>
    public static StreamCursor? Parse(string? text)
    {
        if (text is null || text.Length > MaxLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        var body = text[Prefix.Length..];
        if (body.Length == 0)
            return new StreamCursor(sequences);
        foreach (var part in body.Split('~'))
        {
            var dot = part.LastIndexOf('.');
            if (dot <= 0 || !IsOrigin(part.AsSpan(0, dot)) || !TryParseBase36(part.AsSpan(dot + 1), out var sequence))
                return null;
            if (!sequences.TryAdd(part[..dot], sequence))
                return null;
        }
        return new StreamCursor(sequences);
    }

    public bool Covers(StreamPosition position) => this[position.Origin] >= position.Sequence;

    /// <summary>An origin name: lower-case letters, digits and '-' (so a cursor never needs escaping).</summary>
    public static bool IsOrigin(ReadOnlySpan<char> origin)
    {
        if (origin.Length is 0 or > 32)
            return false;
        foreach (var c in origin)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                return false;
        }
        return true;
    }

    private static string Base36(long value)
    {
        Span<char> digits = stackalloc char[16];
        var i = digits.Length;
        do
        {
            var d = (int)(value % 36);
            digits[--i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
            value /= 36;
        }
        while (value > 0);
        return new string(digits[i..]);
    }

    private static bool TryParseBase36(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 12)
            return false;
        foreach (var c in text)
        {
            var d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (d < 0)
                return false;
            value = value * 36 + d;
        }
        return true;
    }
}
