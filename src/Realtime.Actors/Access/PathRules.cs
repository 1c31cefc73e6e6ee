namespace Realtime.Actors.Access;

/// <summary>Segment-boundary path containment: a root <c>ds/proj</c> contains <c>ds/proj/x</c>, never <c>ds/project2/x</c>.</summary>
public static class PathRules
{
    public static bool IsInside(string path, string root) =>
        path.Length == root.Length
            ? string.Equals(path, root, StringComparison.Ordinal)
            : path.Length > root.Length && path[root.Length] == '/' && path.StartsWith(root, StringComparison.Ordinal);

    public static string Normalize(string path) => path.Trim('/');

    /// <summary>The path and its ancestors at segment boundaries, deepest first: <c>a/b/c, a/b, a</c>.</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        var current = path;
        while (current.Length > 0)
        {
            yield return current;
            var slash = current.LastIndexOf('/');
            if (slash < 0)
                yield break;
            current = current[..slash];
        }
    }
}
