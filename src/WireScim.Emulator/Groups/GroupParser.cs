using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Groups;

/// <summary>
/// hscim's FromJSON Group: keys ignoring case, schemas, displayName and members all required, every member with
/// value, type and $ref strings. Anything else (externalId, id, meta, display) is ignored. Failures are servant's
/// plain-text 400.
/// </summary>
internal static class GroupParser
{
    public static GroupInput Parse(JsonNode? body)
    {
        if (body is not JsonObject obj) throw UserParser.Fail("parsing Group failed, expected Object");
        if (!obj.TryGetIgnoreCase("schemas", out var schemas)) throw Missing("schemas");
        if (schemas is not JsonArray schemaList || schemaList.Any(s => !s.IsString(out _)))
            throw UserParser.Fail("schemas: expected an array of strings");
        if (!obj.TryGetIgnoreCase("displayName", out var nameNode)) throw Missing("displayName");
        if (!nameNode.IsString(out var displayName)) throw UserParser.Fail("displayName: expected String");
        if (!obj.TryGetIgnoreCase("members", out var membersNode)) throw Missing("members");
        if (membersNode is not JsonArray members) throw UserParser.Fail("members: expected Array");
        return new GroupInput(displayName, members.Select(ReadMember).ToList());
    }

    private static string ReadMember(JsonNode? node, int index)
    {
        if (node is not JsonObject member) throw UserParser.Fail($"members[{index}]: expected Object");
        string? value = null;
        foreach (var key in new[] { "value", "type", "$ref" })
        {
            if (!member.TryGetIgnoreCase(key, out var field)) throw UserParser.Fail($"members[{index}]: key \"{key}\" not found");
            if (!field.IsString(out var text)) throw UserParser.Fail($"members[{index}].{key}: expected String");
            if (key == "value") value = text;
        }
        return value!;
    }

    private static PlainError Missing(string key) => UserParser.Fail($"key \"{key}\" not found");
}
