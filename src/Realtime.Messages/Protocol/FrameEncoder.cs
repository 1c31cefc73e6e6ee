using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Realtime.Messages.Protocol;

/// <summary>Runs a writer callback against a pooled buffer and returns the finished UTF-8 frame.</summary>
public static class FrameEncoder
{
    // Frames go to WebSocket clients, never into HTML: the relaxed encoder keeps quotes and non-ASCII text
    // as they are instead of \u escapes, so frames stay small and readable.
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static byte[] Encode<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
