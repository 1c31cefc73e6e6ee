using Microsoft.AspNetCore.Hosting;

namespace Realtime.App.Hosting;

/// <summary>
/// Where Kestrel listens. <c>Realtime:Urls</c>, when set, wins (deployments and the benchmark pass it);
/// otherwise the ASP.NET Core settings rule as in any app (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, <c>Kestrel:Endpoints</c>); only when none of them is set,
/// <see cref="Default"/>.
/// </summary>
public static class ListenAddresses
{
    public const string Default = "http://0.0.0.0:5050";

    /// <summary>The addresses to impose on the host, or null when the ASP.NET Core settings already say where.</summary>
    public static string? Override(IConfiguration configuration, string? realtimeUrls)
    {
        if (!string.IsNullOrWhiteSpace(realtimeUrls))
            return realtimeUrls;
        var aspNetSettingGiven =
            !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        return aspNetSettingGiven ? null : Default;
    }
}
