using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Realtime.Tests.Infrastructure;

/// <summary>A real logger provider that keeps every line written through it (category, level, rendered message).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToArray();

    /// <summary>The lines of a category (a type's full name, as <c>ILogger&lt;T&gt;</c> names it).</summary>
    public IReadOnlyList<LogLine> Of<T>() => Lines.Where(l => l.Category == typeof(T).FullName).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message);

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
