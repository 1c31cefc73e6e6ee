using Realtime.Actors.Access;
using Xunit;

namespace Realtime.Tests.Access;

/// <summary>PROTOCOL 4.2: a node is inside a root when its path equals the root or starts with <c>root + "/"</c>.</summary>
public sealed class PathRulesTests
{
    [Theory]
    [InlineData("ds/proj", "ds/proj", true)]
    [InlineData("ds/proj/x", "ds/proj", true)]
    [InlineData("ds/proj/a/b/c", "ds/proj", true)]
    [InlineData("ds/project2/x", "ds/proj", false)]
    [InlineData("ds/project2", "ds/proj", false)]
    [InlineData("ds/pro", "ds/proj", false)]
    [InlineData("ds", "ds/proj", false)]
    [InlineData("ds/proj-x", "ds/proj", false)]
    [InlineData("ds/proj.x/y", "ds/proj", false)]
    [InlineData("other/proj/x", "ds/proj", false)]
    [InlineData("DS/PROJ/x", "ds/proj", false)]
    public void Is_inside_respects_segment_boundaries(string path, string root, bool inside)
    {
        Assert.Equal(inside, PathRules.IsInside(path, root));
    }

    [Theory]
    [InlineData("a/b/c", new[] { "a/b/c", "a/b", "a" })]
    [InlineData("a", new[] { "a" })]
    [InlineData("", new string[0])]
    public void Self_and_ancestors_walk_segment_boundaries(string path, string[] expected)
    {
        Assert.Equal(expected, PathRules.SelfAndAncestors(path));
    }

    [Theory]
    [InlineData("/ds/proj/", "ds/proj")]
    [InlineData("ds/proj", "ds/proj")]
    [InlineData("/", "")]
    public void Normalize_trims_slashes(string path, string expected)
    {
        Assert.Equal(expected, PathRules.Normalize(path));
    }
}
