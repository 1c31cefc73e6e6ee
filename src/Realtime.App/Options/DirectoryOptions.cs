namespace Realtime.App.Options;

/// <summary>Where the access directory snapshot comes from (<c>Realtime:Directory</c>): a JSON file or an HTTP URL.</summary>
public sealed class DirectoryOptions
{
    /// <summary>The default in Development only (next to the binaries, see Realtime.App.csproj).</summary>
    public const string SampleSnapshotFile = "samples/directory.json";

    public string? SnapshotFile { get; set; }
    public string? SnapshotUrl { get; set; }

    public bool HasSource => !string.IsNullOrEmpty(SnapshotFile) || !string.IsNullOrEmpty(SnapshotUrl);

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrEmpty(SnapshotFile) && !string.IsNullOrEmpty(SnapshotUrl))
            yield return "Directory: set SnapshotFile or SnapshotUrl, not both";
        if (!string.IsNullOrEmpty(SnapshotUrl) && !Uri.TryCreate(SnapshotUrl, UriKind.Absolute, out _))
            yield return "Directory:SnapshotUrl must be an absolute URL";
    }
}
