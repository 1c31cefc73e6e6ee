using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Realtime.App.Cli;
using Realtime.App.Hosting;
using Realtime.App.Options;

try
{
    if (args.Length > 0 && args[0] == TokenCommand.Name)
    {
        // The host's configuration and environment, as the gateway reads them, without starting anything.
        var host = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        return TokenCommand.Run(args, host.Configuration, host.Environment.EnvironmentName);
    }

    var app = await RealtimeApp.BuildAsync(args);
    await app.StartAsync();
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    DevBanner.Print(app.Services.GetRequiredService<RealtimeOptions>(), addresses);
    await app.WaitForShutdownAsync();
    return 0;
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
