using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Users;

/// <summary>
/// Reads a SCIM user body the way hscim's FromJSON does: attribute names ignoring case, ScimBool booleans, and a
/// plain-text 400 (servant's body parse failure) for anything that is not well-typed.
/// </summary>
internal static partial class UserParser
{
    public static UserInput Parse(JsonNode? body)
    {
        if (body is not JsonObject obj) throw Fail($"parsing User failed, expected Object, but encountered {AesonKind(body)}");

        // hscim lowercases the keys before aeson reads them, so its messages name "username", not "userName".
        if (!obj.TryGetIgnoreCase("userName", out var userNameNode)) throw Fail("key \"username\" not found");
        if (!userNameNode.IsString(out var userName)) throw NotText("username", userNameNode);

        var input = new UserInput
        {
            UserName = userName,
            ExternalId = OptionalString(obj, "externalId"),
            DisplayName = OptionalString(obj, "displayName"),
            PreferredLanguage = OptionalString(obj, "preferredLanguage"),
            PasswordGiven = obj.GetIgnoreCase("password") is not null,
            Email = ReadEmails(obj.GetIgnoreCase("emails")),
            Roles = ReadRoles(obj.GetIgnoreCase("roles")),
            RichInfo = ReadRichInfo(obj),
        };
        if (obj.GetIgnoreCase("active") is { } active)
        {
            if (!active.TryReadScimBool(out var flag)) throw Fail("active: expected a boolean");
            input.Active = flag;
        }
        return input;
    }

    public static bool IsEmail(string text) => EmailShape().IsMatch(text);

    /// <summary>Roles as hscim accepts them: strings, or (release 5.35) objects with a "value".</summary>
    public static List<string>? ReadRoles(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonArray array) throw Fail("roles: expected an array");
        var roles = new List<string>();
        foreach (var item in array)
        {
            if (item.IsString(out var role)) roles.Add(role);
            else if (item is JsonObject o && o.GetIgnoreCase("value").IsString(out var value)) roles.Add(value);
            else throw Fail("roles: expected strings or objects with a string \"value\"");
        }
        return roles;
    }

    public static PlainError Fail(string message) => new(400, $"Error in $: {message}");

    /// <summary>aeson's message for a value of the wrong type under a (lowercased) key.</summary>
    private static PlainError NotText(string lowerKey, JsonNode? value) =>
        new(400, $"Error in $.{lowerKey}: parsing Text failed, expected String, but encountered {AesonKind(value)}");

    /// <summary>aeson's names of JSON value kinds.</summary>
    public static string AesonKind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "Null",
        JsonValueKind.Object => "Object",
        JsonValueKind.Array => "Array",
        JsonValueKind.String => "String",
        JsonValueKind.Number => "Number",
        _ => "Boolean",
    };

    private static string? OptionalString(JsonObject obj, string name)
    {
        var node = obj.GetIgnoreCase(name);
        if (node is null) return null;
        return node.IsString(out var text) ? text : throw NotText(name.ToLowerInvariant(), node);
    }

    private static string? ReadEmails(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonArray array) throw Fail("emails: expected an array");
        string? first = null, primary = null;
        foreach (var item in array)
        {
            if (item is not JsonObject email || !email.GetIgnoreCase("value").IsString(out var address))
                throw Fail("emails: each entry needs a string \"value\"");
            if (!IsEmail(address)) throw Fail($"emails: not a valid email address: {address}");
            var isPrimary = false;
            if (email.GetIgnoreCase("primary") is { } flag && !flag.TryReadScimBool(out isPrimary))
                throw Fail("emails: primary must be a boolean");
            first ??= address;
            if (isPrimary) primary ??= address;
        }
        return primary ?? first;
    }

    private static RichInfo ReadRichInfo(JsonObject obj)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (obj.GetIgnoreCase(RichInfo.ProfileUrn) is JsonObject profile && profile.GetIgnoreCase("richInfo") is { } richInfo)
        {
            var fields = richInfo switch
            {
                JsonArray legacy => legacy,
                JsonObject versioned => ReadVersionedFields(versioned),
                _ => throw Fail("richInfo: expected an object or an array"),
            };
            foreach (var field in fields)
            {
                if (field is not JsonObject f || !f.GetIgnoreCase("type").IsString(out var key) || !f.GetIgnoreCase("value").IsString(out var value))
                    throw Fail("richInfo: each field needs string \"type\" and \"value\"");
                if (list.Any(existing => string.Equals(existing.Key, key, StringComparison.OrdinalIgnoreCase)))
                    throw Fail($"richInfo: duplicate field \"{key}\"");
                list.Add(new(key, value));
            }
        }
        else if (obj.GetIgnoreCase(RichInfo.ProfileUrn) is { } other && other is not JsonObject)
        {
            throw Fail($"{RichInfo.ProfileUrn}: expected an object");
        }

        var map = new List<KeyValuePair<string, string>>();
        if (obj.GetIgnoreCase(RichInfo.ExtensionUrn) is { } extension)
        {
            if (extension is not JsonObject entries) throw Fail($"{RichInfo.ExtensionUrn}: expected an object");
            foreach (var (key, value) in entries)
            {
                if (!value.IsString(out var text)) throw Fail($"{RichInfo.ExtensionUrn}: value of \"{key}\" must be a string");
                map.Add(new(key, text));
            }
        }
        return RichInfo.Merge(list, map);
    }

    private static JsonArray ReadVersionedFields(JsonObject richInfo)
    {
        var version = richInfo.GetIgnoreCase("version");
        if (version is not JsonValue v || !v.TryGetValue<int>(out var number) || number != 0)
            throw Fail("richInfo: unknown version, expected 0");
        return richInfo.GetIgnoreCase("fields") switch
        {
            JsonArray fields => fields,
            null => [],
            _ => throw Fail("richInfo: fields must be an array"),
        };
    }

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\z")]
    private static partial Regex EmailShape();
}
