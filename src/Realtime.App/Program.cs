using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Realtime.App.Cli;
using Realtime.App.Hosting;
using Realtime.App.Options;

try
{
    if (args.Length > 0 && args[0] == TokenCommand.Name)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return TokenCommand.Run(args, configuration);
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
