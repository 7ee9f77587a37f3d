using System.Globalization;
using System.Text.Json.Nodes;

namespace WireScim.Emulator.Users;

/// <summary>The SCIM JSON of a stored user, as spar's synthesizeScimUser shows it.</summary>
internal static class UserRepresentation
{
    public const string CoreUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

    public static JsonObject ToJson(StoredUser user, string rolesShape, string scimBaseUri)
    {
        JsonNode role = rolesShape == "objects" ? new JsonObject { ["value"] = user.ShownRole } : JsonValue.Create(user.ShownRole);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(CoreUserUrn, RichInfo.ProfileUrn, RichInfo.ExtensionUrn),
            ["id"] = user.Id.ToString(),
            ["userName"] = user.UserName,
            ["externalId"] = user.ExternalId,
            ["displayName"] = user.DisplayName,
            ["preferredLanguage"] = user.Language,
            ["active"] = user.Status == UserStatus.Active,
        };
        if (user.Email is not null) json["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email });
        json["roles"] = new JsonArray(role);
        json[RichInfo.ExtensionUrn] = user.RichInfo.ToExtensionJson();
        json[RichInfo.ProfileUrn] = user.RichInfo.ToProfileJson();
        json["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = FormatTimestamp(user.Created),
            ["lastModified"] = FormatTimestamp(user.LastModified),
            ["version"] = user.Version,
            ["location"] = $"{scimBaseUri}/Users/{user.Id}",
        };
        return json;
    }

    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Wire keeps millisecond precision.</summary>
    public static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
