using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Mvc;
using Realtime.App.Hosting;

namespace Realtime.App.Endpoints;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: not draining, and this node is an Up cluster member.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", ([FromServices] ActorSystem system, [FromServices] DrainState drain) =>
        {
            if (drain.IsDraining)
                return Results.Text("not ready: draining\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            var status = Cluster.Get(system).SelfMember.Status;
            return status == MemberStatus.Up
                ? Results.Text("ready\n")
                : Results.Text($"not ready: cluster member is {status}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
