using Realtime.Actors.Access;
using Realtime.Messages.Bus;
using Xunit;
using static Realtime.Tests.Access.TestDirectory;

namespace Realtime.Tests.Access;

/// <summary>PROTOCOL 4.1/4.2: visibility of a node path in a workspace — roots, segment boundary, deny sub-trees, dot-files.</summary>
public sealed class NodeVisibilityTests
{
    private static readonly WorkspaceAccess Projects = AccessResolver.Resolve(Standard(), ["role-team"]).Workspaces["ws-proj"];
    private static readonly WorkspaceAccess Multi = AccessResolver.Resolve(Standard(), ["role-team"]).Workspaces["ws-multi"];

    private static Node At(string path) => new("u", path, NodeType.LEAF, 0, 0, 0, "", new Dictionary<string, string>());

    [Theory]
    [InlineData("ds/proj", "n-proj")]
    [InlineData("ds/proj/a.txt", "n-proj")]
    [InlineData("ds/proj/dir/a.txt", "n-proj")]
    [InlineData("/ds/proj/dir/", "n-proj")]
    [InlineData("ds/proj/secretive/a.txt", "n-proj")]
    [InlineData("ds/proj/dir/secret", "n-proj")]
    [InlineData("ds/proj/secret", null)]
    [InlineData("ds/proj/secret/a.txt", null)]
    [InlineData("ds/proj/secret/deep/er/a.txt", null)]
    [InlineData("ds/project2/a.txt", null)]
    [InlineData("ds/project2", null)]
    [InlineData("ds/pro", null)]
    [InlineData("ds", null)]
    [InlineData("ds/proj/.hidden", null)]
    [InlineData("ds/proj/dir/.pydio", null)]
    [InlineData("ds/proj/.git/", null)]
    [InlineData("ds/proj/.git/config", "n-proj")]
    [InlineData("ds/proj/a.b", "n-proj")]
    public void Visible_root_of_a_path(string path, string? expectedRoot)
    {
        Assert.Equal(expectedRoot, NodeVisibility.VisibleRoot(Projects, At(path))?.Uuid);
    }

    [Theory]
    [InlineData("ds/alpha/x", "n-a")]
    [InlineData("ds/beta/y/z", "n-b")]
    [InlineData("ds/alphabet/x", null)]
    [InlineData("ds/gamma/x", null)]
    public void Visible_root_in_a_multi_root_workspace(string path, string? expectedRoot)
    {
        Assert.Equal(expectedRoot, NodeVisibility.VisibleRoot(Multi, At(path))?.Uuid);
    }
}
