using System.Buffers;
using System.Text.Json;

namespace Realtime.Messages.Protocol;

/// <summary>Runs a writer callback against a pooled buffer and returns the finished UTF-8 frame.</summary>
public static class FrameEncoder
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    public static byte[] Encode<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer, state);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
