using System.Text.RegularExpressions;
using Realtime.App.Options;

namespace Realtime.Tests.Deployment;

/// <summary>The refused placeholders are exactly the secrets shipped in docker/: a new example secret cannot slip through.</summary>
public sealed partial class ShippedPlaceholdersTests(KustomizeRender render) : IClassFixture<KustomizeRender>
{
    [Theory]
    [InlineData("k8s/secret.yaml")]
    [InlineData("compose.yaml")]
    public void Every_example_secret_in_docker_is_a_refused_placeholder(string file)
    {
        var text = File.ReadAllText(Path.Combine(render.RepoRoot, "docker", file));
        var shipped = SecretSetting().Matches(text)
            .Select(m => m.Groups["value"].Value.Trim().Trim('"'))
            .Select(v => ComposeDefault().Match(v) is { Success: true } d ? d.Groups["default"].Value : v)
            .ToList();
        Assert.NotEmpty(shipped);
        Assert.All(shipped, v => Assert.Contains(v, ShippedPlaceholders.Secrets));
    }

    // Compose's journal password is interpolated; its connection string only runs in compose's Development.
    [GeneratedRegex(@"Realtime__(Jwt__HmacKeys|Ingest__Keys|Journal__ConnectionString(?=:\s*""))\s*:\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex SecretSetting();

    [GeneratedRegex(@"^\$\{[A-Z_]+:-(?<default>[^}]*)\}$")]
    private static partial Regex ComposeDefault();
}
