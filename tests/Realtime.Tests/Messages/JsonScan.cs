using System.Text.Json;

namespace Realtime.Tests.Messages;

/// <summary>Every property of a JSON value at every depth, with the path that leads to it.</summary>
public static class JsonScan
{
    public static IEnumerable<(string Path, string Name)> Properties(JsonElement value, string path = "$")
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    yield return (path, property.Name);
                    foreach (var nested in Properties(property.Value, $"{path}.{property.Name}"))
                        yield return nested;
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    foreach (var nested in Properties(item, $"{path}[{i++}]"))
                        yield return nested;
                }
                break;
        }
    }

    /// <summary>Paths of the properties named Policies or RootNodes (any case), which no idm frame may carry.</summary>
    public static List<string> HiddenIdmProperties(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return Properties(document.RootElement)
            .Where(p => p.Name.Equals("Policies", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("RootNodes", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{p.Path}.{p.Name}")
            .ToList();
    }
}
