namespace Realtime.Tests.Chat;

/// <summary>A fact that only runs with REALTIME_WRITE_FIXTURES=1: it rewrites committed fixtures.</summary>
public sealed class FixtureGeneratorFactAttribute : FactAttribute
{
    public FixtureGeneratorFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("REALTIME_WRITE_FIXTURES") != "1")
            Skip = "rewrites tests/Realtime.Tests/Fixtures; run once with REALTIME_WRITE_FIXTURES=1";
    }
}
