namespace Realtime.App.Endpoints;

/// <summary>
/// The demo page at <c>GET /</c> (PROTOCOL 1): static files in <c>wwwroot/</c>, built from <c>clients/typescript</c>
/// and committed, so the gateway serves them without Node.js.
/// </summary>
public static class DemoPage
{
    public static WebApplication UseDemoPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
