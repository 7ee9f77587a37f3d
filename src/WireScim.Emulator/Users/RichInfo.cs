using System.Text.Json.Nodes;

namespace WireScim.Emulator.Users;

/// <summary>Wire's rich info: one ordered list of (key, value) pairs, keys compared ignoring case.</summary>
internal sealed class RichInfo
{
    public const string ProfileUrn = "urn:wire:scim:schemas:profile:1.0";
    public const string ExtensionUrn = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";
    /// <summary>spar's default richInfoLimit (charts/wire-server/values.yaml).</summary>
    public const int DefaultSizeLimit = 5000;

    public static readonly RichInfo Empty = new([]);

    public RichInfo(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>Sum of key and value lengths in code points, the measure Wire limits.</summary>
    public int Size => Fields.Sum(f => CodePoints.Count(f.Key) + CodePoints.Count(f.Value));

    /// <summary>
    /// Combines the list form (profile URN) and the map form (extension URN): map entries overwrite list entries with
    /// the same key, new map keys are appended alphabetically, and empty values are dropped.
    /// </summary>
    public static RichInfo Merge(IEnumerable<KeyValuePair<string, string>> list, IEnumerable<KeyValuePair<string, string>> map)
    {
        var merged = list.ToList();
        var appended = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in map)
        {
            var index = merged.FindIndex(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) merged[index] = new(merged[index].Key, value);
            else appended.Add(new(key, value));
        }
        merged.AddRange(appended.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase));
        return new RichInfo(merged.Where(f => f.Value.Length > 0).ToList());
    }

    /// <summary>Sets (or with null/empty value removes) one key, keeping its position when it exists.</summary>
    public RichInfo With(string key, string? value)
    {
        var fields = Fields.ToList();
        var index = fields.FindIndex(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
        if (string.IsNullOrEmpty(value))
        {
            if (index >= 0) fields.RemoveAt(index);
        }
        else if (index >= 0) fields[index] = new(fields[index].Key, value);
        else fields.Add(new(key, value));
        return new RichInfo(fields);
    }

    public JsonObject ToExtensionJson()
    {
        var map = new JsonObject();
        foreach (var (key, value) in Fields) map[key] = value;
        return map;
    }

    public JsonObject ToProfileJson()
    {
        var fields = new JsonArray();
        foreach (var (key, value) in Fields) fields.Add(new JsonObject { ["type"] = key, ["value"] = value });
        return new JsonObject { ["richInfo"] = new JsonObject { ["fields"] = fields, ["version"] = 0 } };
    }

    public bool SameAs(RichInfo other) =>
        Fields.Count == other.Fields.Count &&
        Fields.Zip(other.Fields).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value);
}

internal static class CodePoints
{
    /// <summary>Unicode code points, as Haskell's Text.length counts (a surrogate pair is one).</summary>
    public static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }
}
