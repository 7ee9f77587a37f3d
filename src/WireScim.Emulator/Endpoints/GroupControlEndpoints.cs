using System.Text.Json.Nodes;
using WireScim.Emulator.Groups;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Endpoints;

/// <summary>
/// /_emulator/groups and /_emulator/release: what Team Settings does to groups (made, changed or deleted without
/// SCIM) and the release switch. No authentication; the server listens on loopback only.
/// </summary>
internal static class GroupControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        routes.MapGet("/_emulator/groups", context =>
            Responses.WriteJsonAsync(context, 200, new JsonArray(services.Groups.All().Select(g => (JsonNode)ToControlJson(g)).ToArray())));
        routes.MapPost("/_emulator/groups", async context =>
        {
            var (name, members) = await ReadTeamSettingsGroupAsync(context, services, nameRequired: true);
            var group = services.Groups.Add(name!, members!, GroupManager.Wire);
            await Responses.WriteJsonAsync(context, 201, ToControlJson(group));
        });
        routes.MapPut("/_emulator/groups/{id}", async (HttpContext context, string id) =>
        {
            if (!Guid.TryParse(id, out var groupId)) throw new PlainError(400, $"'{id}' is not a UUID");
            var (name, members) = await ReadTeamSettingsGroupAsync(context, services, nameRequired: false);
            var group = services.Groups.Update(groupId, g => g with { DisplayName = name ?? g.DisplayName, Members = members ?? g.Members })
                ?? throw new PlainError(404, $"Group {id} not found");
            await Responses.WriteJsonAsync(context, 200, ToControlJson(group));
        });
        routes.MapDelete("/_emulator/groups/{id}", (HttpContext context, string id) =>
            Guid.TryParse(id, out var groupId) && services.Groups.Delete(groupId)
                ? Responses.NoContent(context)
                : Responses.WriteTextAsync(context, 404, $"Group {id} not found"));
        routes.MapGet("/_emulator/release", context => WriteReleaseAsync(context, services));
        routes.MapPost("/_emulator/release", async context =>
        {
            var body = await RequestReader.ReadJsonAsync(context) as JsonObject;
            if (!(body?["release"]).IsString(out var text) || !WireRelease.TryParse(text, out var release))
                throw new PlainError(400, "expected {\"release\":\"5.23\"|\"5.24\"|\"5.25\"} (any 5.x)");
            services.Release = release;
            await WriteReleaseAsync(context, services);
        });
    }

    public static JsonObject ToControlJson(StoredGroup group) => new()
    {
        ["id"] = group.Id.ToString(),
        ["displayName"] = group.DisplayName,
        ["managedBy"] = group.ManagedBy == GroupManager.Scim ? "scim" : "wire",
        ["members"] = new JsonArray(group.Members.Select(m => (JsonNode)m.ToString()).ToArray()),
        ["created"] = Users.UserRepresentation.FormatTimestamp(group.Created),
    };

    private static Task WriteReleaseAsync(HttpContext context, EmulatorServices services) =>
        Responses.WriteJsonAsync(context, 200, new JsonObject
        {
            ["release"] = services.Release.Name,
            ["groups"] = !services.Release.HasGroups ? "none" : services.Release.PagesGroups ? "paged" : "unpaged",
        });

    /// <summary>
    /// {"displayName":"Ops","members":["user-id",...]}. Team Settings adds any account of the team, SCIM-managed or
    /// not; pending invitees and unknown ids are refused.
    /// </summary>
    private static async Task<(string? Name, IReadOnlyList<Guid>? Members)> ReadTeamSettingsGroupAsync(HttpContext context, EmulatorServices services, bool nameRequired)
    {
        if (await RequestReader.ReadJsonAsync(context) is not JsonObject body) throw new PlainError(400, "expected a JSON object");
        string? name = null;
        if (body["displayName"] is { } nameNode)
        {
            if (!nameNode.IsString(out var text) || text.Length == 0) throw new PlainError(400, "displayName must be a non-empty string");
            name = text;
        }
        else if (nameRequired)
        {
            throw new PlainError(400, "displayName is required");
        }

        List<Guid>? members = null;
        if (body["members"] is { } membersNode)
        {
            if (membersNode is not JsonArray array) throw new PlainError(400, "members must be an array of user ids");
            members = new List<Guid>();
            foreach (var item in array)
            {
                if (!item.IsString(out var text) || !Guid.TryParse(text, out var userId)) throw new PlainError(400, $"member '{item?.ToJsonString()}' is not a user id");
                if (services.Groups.Directory.Classify(userId) == MemberStanding.NoAccount)
                    throw new PlainError(400, $"member {userId} is not an account of the team (unknown, deleted or pending)");
                if (!members.Contains(userId)) members.Add(userId);
            }
        }
        else if (nameRequired)
        {
            members = new List<Guid>();
        }
        return (name, members);
    }
}
