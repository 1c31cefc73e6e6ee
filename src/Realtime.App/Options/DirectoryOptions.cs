namespace Realtime.App.Options;

/// <summary>Where the access directory snapshot comes from (<c>Realtime:Directory</c>): a JSON file or an HTTP URL.</summary>
public sealed class DirectoryOptions
{
    public string? SnapshotFile { get; set; }
    public string? SnapshotUrl { get; set; }

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrEmpty(SnapshotFile) && !string.IsNullOrEmpty(SnapshotUrl))
            yield return "Directory: set SnapshotFile or SnapshotUrl, not both";
        if (!string.IsNullOrEmpty(SnapshotUrl) && !Uri.TryCreate(SnapshotUrl, UriKind.Absolute, out _))
            yield return "Directory:SnapshotUrl must be an absolute URL";
    }
}
