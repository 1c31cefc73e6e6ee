using Realtime.Actors.Auth;
using Realtime.App.Options;

namespace Realtime.App.Cli;

/// <summary>
/// <c>token --user alice [--roles r1,r2] [--profile standard] [--ttl 3600] [--sub uuid]</c>: prints a token
/// signed with the first configured (or the development) HS256 key.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args, IConfiguration configuration, string environmentName)
    {
        var flags = ParseFlags(args);
        if (!flags.TryGetValue("user", out var user))
        {
            Console.Error.WriteLine("usage: token --user <login> [--roles r1,r2] [--profile standard] [--ttl <seconds>] [--sub <uuid>]");
            return 2;
        }
        var options = RealtimeOptions.Load(configuration, environmentName);
        if (options.Jwt.HmacKeys.Count == 0)
        {
            Console.Error.WriteLine("token needs an HS256 key (Realtime:Jwt:HmacKeys) or the development key");
            return 2;
        }
        var issuer = new DevTokenIssuer(options.Jwt.Issuer, options.Jwt.Audience, options.Jwt.HmacKeys[0]);
        var roles = flags.GetValueOrDefault("roles")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var ttl = flags.TryGetValue("ttl", out var seconds) ? TimeSpan.FromSeconds(int.Parse(seconds)) : (TimeSpan?)null;
        Console.WriteLine(issuer.Issue(user, roles, flags.GetValueOrDefault("profile") ?? "standard", ttl, flags.GetValueOrDefault("sub")));
        return 0;
    }

    private static Dictionary<string, string> ParseFlags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
                flags[args[i][2..]] = args[i + 1];
        }
        return flags;
    }
}
