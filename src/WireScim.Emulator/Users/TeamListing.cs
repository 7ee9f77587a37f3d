using System.Text.Json.Nodes;

namespace WireScim.Emulator.Users;

/// <summary>
/// GET /_emulator/users: every team member with who manages it. SCIM users appear in their SCIM JSON; members SCIM
/// has not taken over in the same field names, with what Wire holds for them.
/// </summary>
internal static class TeamListing
{
    public static JsonObject Of(StoredUser user, JsonObject scimJson)
    {
        scimJson["handle"] = user.UserName;
        scimJson["pending"] = user.Status == UserStatus.PendingInvitation;
        scimJson["managedBy"] = "scim";
        return scimJson;
    }

    public static JsonObject Of(TeamMember member)
    {
        var json = new JsonObject
        {
            ["id"] = member.Id.ToString(),
            ["userName"] = member.Handle,
            ["handle"] = member.Handle,
            ["externalId"] = null,
            ["displayName"] = member.DisplayName,
            ["active"] = !member.Pending,
            ["pending"] = member.Pending,
            ["roles"] = new JsonArray(member.Role),
            ["managedBy"] = member.ManagedByScim ? "scim" : "wire",
        };
        if (member.Email is not null) json["emails"] = new JsonArray(new JsonObject { ["value"] = member.Email });
        return json;
    }
}
