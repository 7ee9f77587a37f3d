using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Users;

internal enum PatchOpKind { Add, Replace, Remove }

/// <summary>A PATCH path as hscim parses it.</summary>
internal abstract record PatchPath;

/// <summary>A core attribute, optionally with a sub-attribute or a value filter (<c>emails[type eq "work"].value</c>).</summary>
internal sealed record CoreAttributePath(string Name, string? SubAttribute, bool HasValueFilter) : PatchPath;

/// <summary>A rich-info key under either Wire extension URN.</summary>
internal sealed record RichInfoPath(string Key) : PatchPath;

internal sealed record PatchOperation(PatchOpKind Kind, PatchPath? Path, JsonNode? Value);

/// <summary>
/// Parses a PatchOp body. Everything here fails before spar's handler runs, so errors are plain-text 400s:
/// a missing PatchOp schema, an unknown op, an unparsable path or an unknown schema URN in a path.
/// </summary>
internal static partial class PatchRequest
{
    public const string PatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string CoreUserPrefix = UserRepresentation.CoreUserUrn + ":";

    public static IReadOnlyList<PatchOperation> Parse(JsonNode? body)
    {
        if (body is not JsonObject obj) throw UserParser.Fail("parsing PatchOp failed, expected Object");
        var schemas = obj.GetIgnoreCase("schemas") as JsonArray;
        if (schemas is null || !schemas.Any(s => s.IsString(out var urn) && urn == PatchOpUrn))
            throw UserParser.Fail($"PatchOp: schemas must contain {PatchOpUrn}");
        if (obj.GetIgnoreCase("Operations") is not JsonArray operations) throw UserParser.Fail("PatchOp: Operations must be an array");
        return operations.Select(ParseOperation).ToList();
    }

    private static PatchOperation ParseOperation(JsonNode? node)
    {
        if (node is not JsonObject operation) throw UserParser.Fail("PatchOp: each operation must be an object");
        if (!operation.GetIgnoreCase("op").IsString(out var opText)) throw UserParser.Fail("PatchOp: op must be a string");
        var kind = opText.ToLowerInvariant() switch
        {
            "add" => PatchOpKind.Add,
            "replace" => PatchOpKind.Replace,
            "remove" => PatchOpKind.Remove,
            _ => throw UserParser.Fail($"PatchOp: unknown op '{opText}'"),
        };
        PatchPath? path = null;
        if (operation.GetIgnoreCase("path") is { } pathNode)
        {
            if (!pathNode.IsString(out var pathText)) throw UserParser.Fail("PatchOp: path must be a string");
            path = ParsePath(pathText);
        }
        return new PatchOperation(kind, path, operation.GetIgnoreCase("value"));
    }

    private static PatchPath ParsePath(string text)
    {
        foreach (var urn in new[] { RichInfo.ExtensionUrn, RichInfo.ProfileUrn })
        {
            if (text.StartsWith(urn + ":", StringComparison.Ordinal))
            {
                var key = text[(urn.Length + 1)..];
                return AttributeName().IsMatch(key) ? new RichInfoPath(key) : throw UnparsablePath(text);
            }
        }
        var attribute = text.StartsWith(CoreUserPrefix, StringComparison.Ordinal) ? text[CoreUserPrefix.Length..] : text;
        var match = CoreAttribute().Match(attribute);
        if (!match.Success) throw UnparsablePath(text);
        return new CoreAttributePath(
            match.Groups["name"].Value.ToLowerInvariant(),
            match.Groups["sub"].Success ? match.Groups["sub"].Value : null,
            match.Groups["filter"].Success);
    }

    private static PlainError UnparsablePath(string text) => UserParser.Fail($"PatchOp: could not parse path '{text}'");

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*\z")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9_-]*)(?<filter>\[[^\]]+\])?(?:\.(?<sub>[A-Za-z][A-Za-z0-9_-]*))?\z")]
    private static partial Regex CoreAttribute();
}
