namespace Realtime.Tests.Chat;

/// <summary>The restart scenario on PostgreSQL (REALTIME_TEST_POSTGRES); fails, never skips, without it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresChatTests
{
    [Fact]
    public async Task History_pages_are_complete_and_ordered_before_and_after_a_restart_on_postgresql() =>
        await ChatScenarios.HistorySurvivesRestart(TestJournals.Postgres());
}
