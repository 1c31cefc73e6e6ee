using Microsoft.AspNetCore.Mvc;
using Realtime.App.Hosting;

namespace Realtime.App.Endpoints;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: 200 when every check of <see cref="ReadinessReport"/> passes,
/// else 503; the JSON body names each check either way.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async ([FromServices] NodeReadiness readiness, CancellationToken cancellationToken) =>
        {
            var report = await readiness.CheckAsync(cancellationToken);
            return Results.Json(new { status = report.IsReady ? "ready" : "not ready", checks = report },
                statusCode: report.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
