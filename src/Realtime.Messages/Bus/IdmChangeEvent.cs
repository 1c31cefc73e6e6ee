using System.Text.Json;
using Realtime.Messages.Json;

namespace Realtime.Messages.Bus;

/// <summary>
/// Bus payload of the <c>idm</c> topic (PROTOCOL 4.4). Typed parts drive routing and the access directory;
/// the raw Role, Workspace, Acl and Attributes are forwarded to browsers without policies and workspace root
/// nodes (see EventFrames.Idm). The user is reduced to public fields.
/// </summary>
public sealed record IdmChangeEvent(
    IdmEventType Type,
    PublicUser? User,
    string? RoleUuid,
    JsonElement? Role,
    Workspace? Workspace,
    JsonElement? WorkspaceJson,
    Acl? Acl,
    JsonElement? AclJson,
    JsonElement? Attributes)
{
    public static IdmChangeEvent Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new FormatException("an idm event must be a JSON object");
        var role = json.Object("Role")?.Clone();
        var workspace = json.Object("Workspace")?.Clone();
        var acl = json.Object("Acl")?.Clone();
        return new IdmChangeEvent(
            json.Enum<IdmEventType>("Type"),
            json.Object("User") is { } user ? PublicUser.Parse(user) : null,
            role?.String("Uuid"),
            role,
            workspace is { } w ? Bus.Workspace.Parse(w) : null,
            workspace,
            acl is { } a ? Bus.Acl.Parse(a) : null,
            acl,
            json.Object("Attributes")?.Clone());
    }
}
