using System.Text.Json.Nodes;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Groups;

/// <summary>spar's toStoredGroup: type and $ref rebuilt from scimBaseUri, lastModified = created, version W/"v1".</summary>
internal static class GroupRepresentation
{
    public const string CoreGroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary><paramref name="memberOrder"/>: the order to show members in (POST echoes the request); default storage order.</summary>
    public static JsonObject ToJson(StoredGroup group, string scimBaseUri, IReadOnlyList<Guid>? memberOrder = null)
    {
        var created = UserRepresentation.FormatTimestamp(group.Created);
        return new JsonObject
        {
            ["schemas"] = new JsonArray(CoreGroupUrn),
            ["id"] = group.Id.ToString(),
            ["displayName"] = group.DisplayName,
            ["members"] = new JsonArray((memberOrder ?? group.Members).Select(id => (JsonNode)new JsonObject
            {
                ["value"] = id.ToString(),
                ["type"] = "User",
                ["$ref"] = $"{scimBaseUri}/Users/{id}",
            }).ToArray()),
            ["meta"] = new JsonObject
            {
                ["resourceType"] = "Group",
                ["created"] = created,
                ["lastModified"] = created,
                ["version"] = "W/\"v1\"",
                ["location"] = $"{scimBaseUri}/Groups/{group.Id}",
            },
        };
    }
}
