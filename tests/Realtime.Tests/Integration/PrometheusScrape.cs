using System.Globalization;
using System.Text.RegularExpressions;

namespace Realtime.Tests.Integration;

/// <summary>Reads one series of a node's <c>/metrics</c>.</summary>
public static class PrometheusScrape
{
    /// <summary>The value of <paramref name="name"/> with exactly <paramref name="labels"/> (e.g. <c>reason="expired"</c>), or without labels when null.</summary>
    public static async Task<double> ValueAsync(HttpClient http, string name, string? labels = null)
    {
        var text = await http.GetStringAsync("/metrics");
        var pattern = labels is null ? $@"^{name} (\S+)$" : $@"^{name}\{{{Regex.Escape(labels)}\}} (\S+)$";
        var match = Regex.Match(text, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"{name}{{{labels}}} not found in:\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
