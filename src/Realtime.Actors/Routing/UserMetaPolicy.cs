using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Actors.Routing;

/// <summary>
/// The READ policies of an UPDATE_USER_META event (<c>Source.MetaStore["pydio:meta-policies"]</c>): a session
/// gets the event when one of its subjects is allowed and none is denied.
/// </summary>
public sealed record UserMetaPolicy(IReadOnlySet<string> Allowed, IReadOnlySet<string> Denied)
{
    public const string MetaKey = "pydio:meta-policies";

    public static readonly UserMetaPolicy DenyAll = new(new HashSet<string>(), new HashSet<string>());

    public static UserMetaPolicy Parse(IReadOnlyDictionary<string, string>? metaStore)
    {
        if (metaStore is null || !metaStore.TryGetValue(MetaKey, out var encoded))
            return DenyAll;
        try
        {
            using var outer = JsonDocument.Parse(encoded);
            // The MetaStore value is JSON-encoded: a string holding the array, or (leniently) the array itself.
            var policies = outer.RootElement.ValueKind == JsonValueKind.String
                ? JsonDocument.Parse(outer.RootElement.GetString() ?? "[]").RootElement.Clone()
                : outer.RootElement.Clone();
            if (policies.ValueKind != JsonValueKind.Array)
                return DenyAll;
            var allowed = new HashSet<string>(StringComparer.Ordinal);
            var denied = new HashSet<string>(StringComparer.Ordinal);
            foreach (var policy in policies.EnumerateArray())
            {
                if (!string.Equals(policy.String("Action"), "READ", StringComparison.OrdinalIgnoreCase))
                    continue;
                var set = string.Equals(policy.String("Effect"), "deny", StringComparison.OrdinalIgnoreCase) ? denied : allowed;
                set.Add(policy.String("Subject"));
            }
            return new UserMetaPolicy(allowed, denied);
        }
        catch (JsonException)
        {
            return DenyAll;
        }
    }

    public bool Grants(IEnumerable<string> subjects)
    {
        var granted = false;
        foreach (var subject in subjects)
        {
            if (Denied.Contains(subject))
                return false;
            granted |= Allowed.Contains(subject);
        }
        return granted;
    }

    public static IEnumerable<string> SubjectsOf(string login, string profile, IEnumerable<string> roles)
    {
        yield return "*";
        yield return "user:" + login;
        yield return "profile:" + profile;
        foreach (var role in roles)
            yield return "role:" + role;
    }
}
