using Realtime.Actors.Auth;
using Realtime.App.Options;

namespace Realtime.App.Hosting;

/// <summary>On the embedded default, prints what a developer needs to try the gateway at once.</summary>
public static class DevBanner
{
    public const string SampleUser = "alice";
    public static readonly string[] SampleRoles = ["role-team"];

    public static void Print(RealtimeOptions options, IEnumerable<string> addresses)
    {
        Console.WriteLine($"Akka.Realtime listening on {string.Join(", ", addresses)}");
        if (options.UsesDevSigningKey)
        {
            var token = new DevTokenIssuer(options.Jwt.Issuer, options.Jwt.Audience, options.Jwt.HmacKeys[0])
                .Issue(SampleUser, SampleRoles, "standard", TimeSpan.FromHours(8));
            Console.WriteLine($"Dev token ({SampleUser}, roles {string.Join(",", SampleRoles)}, 8 h):");
            Console.WriteLine(token);
        }
        if (options.UsesDevIngestKey)
            Console.WriteLine($"Dev ingest key: {options.Ingest.Keys[0]}");
    }
}
