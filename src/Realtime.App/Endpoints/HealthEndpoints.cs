using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Mvc;
using Realtime.App.Hosting;

namespace Realtime.App.Endpoints;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: not draining, an Up cluster member, and the journal answers.</summary>
public static class HealthEndpoints
{
    private static IResult NotReady(string why) =>
        Results.Text($"not ready: {why}\n", statusCode: StatusCodes.Status503ServiceUnavailable);

    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async ([FromServices] ActorSystem system, [FromServices] DrainState drain, [FromServices] JournalProbe journal, CancellationToken cancellationToken) =>
        {
            if (drain.IsDraining)
                return NotReady("draining");
            var status = Cluster.Get(system).SelfMember.Status;
            if (status != MemberStatus.Up)
                return NotReady($"cluster member is {status}");
            if (await journal.CheckAsync(cancellationToken) is { } problem)
                return NotReady(problem);
            return Results.Text("ready\n");
        });
    }
}
