namespace Realtime.App.Hosting;

/// <summary>Whether this node has a directory from its snapshot source yet, and how often reading it failed.</summary>
public sealed class DirectoryState
{
    private volatile bool _loaded;
    private long _failures;

    public bool IsLoaded => _loaded;

    public long Failures => Interlocked.Read(ref _failures);

    public string? LastProblem { get; private set; }

    public void Loaded() => _loaded = true;

    public void Failed(string problem)
    {
        LastProblem = problem;
        Interlocked.Increment(ref _failures);
    }
}
