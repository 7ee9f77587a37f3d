using System.Text.Json.Nodes;

namespace WireScim.Emulator.Http;

/// <summary>Case-insensitive attribute access, as hscim does for SCIM attribute names.</summary>
internal static class JsonObjectExtensions
{
    /// <summary>True when some key equals <paramref name="name"/> ignoring case; the first such key wins.</summary>
    public static bool TryGetIgnoreCase(this JsonObject obj, string name, out JsonNode? value)
    {
        foreach (var (key, node) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = node;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>The value under <paramref name="name"/> (ignoring case); null when absent or JSON null.</summary>
    public static JsonNode? GetIgnoreCase(this JsonObject obj, string name) =>
        obj.TryGetIgnoreCase(name, out var value) ? value : null;

    public static bool IsString(this JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var s))
        {
            text = s;
            return true;
        }
        text = "";
        return false;
    }

    /// <summary>hscim's ScimBool: JSON booleans or the strings "true"/"false" in any case.</summary>
    public static bool TryReadScimBool(this JsonNode node, out bool result)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<bool>(out result)) return true;
            if (value.TryGetValue<string>(out var s))
            {
                if (string.Equals(s, "true", StringComparison.OrdinalIgnoreCase)) { result = true; return true; }
                if (string.Equals(s, "false", StringComparison.OrdinalIgnoreCase)) { result = false; return true; }
            }
        }
        result = false;
        return false;
    }
}
