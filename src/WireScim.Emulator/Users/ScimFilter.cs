using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireScim.Emulator.Http;
using WireScim.Emulator.Store;

namespace WireScim.Emulator.Users;

/// <summary>
/// hscim's filter grammar (one comparison: attrPath SP op SP value) and what spar does with it on /Users.
/// </summary>
internal sealed partial record ScimFilter(string Attribute, string Operator, JsonValueKind ValueKind, string? StringValue)
{
    /// <summary>The ".subAttr" part of the attribute path, if any.</summary>
    public string? SubAttribute { get; init; }

    private static readonly string[] Operators = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

    /// <summary>Parses the query value; failures are servant's plain-text 400.</summary>
    public static ScimFilter Parse(string text)
    {
        var match = Comparison().Match(text);
        if (!match.Success) throw Unparseable("expected 'attribute operator value'");
        var op = match.Groups["op"].Value.ToLowerInvariant();
        if (!Operators.Contains(op)) throw Unparseable($"unknown operator '{match.Groups["op"].Value}'");

        var valueText = match.Groups["value"].Value;
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(valueText);
        }
        catch (JsonException)
        {
            throw Unparseable($"cannot read value {valueText}");
        }
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (kind is JsonValueKind.Object or JsonValueKind.Array) throw Unparseable($"cannot read value {valueText}");
        return new ScimFilter(match.Groups["attr"].Value, op, kind, kind == JsonValueKind.String ? value!.GetValue<string>() : null)
        {
            SubAttribute = match.Groups["sub"].Success ? match.Groups["sub"].Value : null,
        };
    }

    /// <summary>spar's getUsers: only eq with a string, only userName and externalId.</summary>
    public StoredUser? Find(EmulatorStore store, bool samlMode)
    {
        if (Operator != "eq" || StringValue is null) throw ScimError.BadRequest("invalidFilter", "Operation not supported");
        switch (Attribute.ToLowerInvariant())
        {
            case "username":
                // Azure's connection probe sends random values: an impossible handle is "not found", not an error.
                var handle = StringValue.ToLowerInvariant();
                return UserValidation.IsValidHandle(handle) ? store.FindByUserName(handle, samlMode) : null;
            case "externalid":
                return store.FindByExternalId(StringValue, samlMode);
            default:
                throw ScimError.BadRequest("invalidFilter", "Unsupported attribute");
        }
    }

    private static PlainError Unparseable(string reason) =>
        new(400, $"Error parsing query parameter filter failed: {reason}");

    [GeneratedRegex(@"^(?:urn:ietf:params:scim:schemas:core:2\.0:User:)?(?<attr>[A-Za-z][A-Za-z0-9_-]*)(?:\.(?<sub>[A-Za-z][A-Za-z0-9_-]*))? (?<op>[A-Za-z]+) (?<value>.+)\z", RegexOptions.Singleline)]
    private static partial Regex Comparison();
}
