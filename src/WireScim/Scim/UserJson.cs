using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>Maps <see cref="User"/> to and from Wire's SCIM JSON.</summary>
    /// <remarks>
    /// Reading is tolerant in the ways Wire itself varies, each named here: attribute names in any case (hscim),
    /// roles as strings or as {"value":..} objects (release 5.35), emails with type/primary (5.35), booleans
    /// as strings ("True"), and rich info in either extension (map entries win, as in spar).
    /// </remarks>
    internal static class UserJson
    {
        public static byte[] Write(User user)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("schemas");
                json.WriteStringValue(ScimSchemas.User);
                json.WriteStringValue(ScimSchemas.WireProfile);
                json.WriteEndArray();
                WriteIfPresent(json, "userName", user.UserName);
                WriteIfPresent(json, "displayName", user.DisplayName);
                WriteIfPresent(json, "externalId", user.ExternalId);
                if (!string.IsNullOrEmpty(user.Email))
                {
                    json.WriteStartArray("emails");
                    json.WriteStartObject();
                    json.WriteString("value", user.Email);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteBoolean("active", user.Active);
                if (!string.IsNullOrEmpty(user.Role))
                {
                    json.WriteStartArray("roles");
                    json.WriteStringValue(user.Role);
                    json.WriteEndArray();
                }
                WriteIfPresent(json, "preferredLanguage", user.PreferredLanguage);
                json.WriteStartObject(ScimSchemas.WireProfile);
                json.WriteStartObject("richInfo");
                json.WriteNumber("version", 0);
                json.WriteStartArray("fields");
                foreach (DictionaryEntry field in user.RichInfo)
                {
                    json.WriteStartObject();
                    json.WriteString("type", (string)field.Key);
                    json.WriteString("value", field.Value as string ?? Convert.ToString(field.Value, CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
        {
            if (value != null) json.WriteString(name, value);
        }

        /// <exception cref="JsonException">The text is not a SCIM user object.</exception>
        public static User Read(string text)
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement);
        }

        public static User Read(JsonElement root)
        {
            try
            {
                return ReadObject(root);
            }
            catch (InvalidOperationException error)
            {
                // System.Text.Json cannot decode some escapes (a lone surrogate in a name); that is unreadable JSON here.
                throw new JsonException("the user JSON holds text that cannot be decoded: " + error.Message, error);
            }
        }

        private static User ReadObject(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("expected a JSON object for a user");
            var user = new User();
            var listFields = new List<KeyValuePair<string, string>>();
            var mapFields = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "id": user.Id = StringOf(property.Value); break;
                    case "username": user.UserName = StringOf(property.Value); break;
                    case "displayname": user.DisplayName = StringOf(property.Value); break;
                    case "externalid": user.ExternalId = StringOf(property.Value); break;
                    case "preferredlanguage": user.PreferredLanguage = StringOf(property.Value); break;
                    case "active": user.Active = BooleanOf(property.Value) ?? false; break;
                    case "emails": user.Email = PrimaryEmail(property.Value); break;
                    case "roles": user.Role = FirstRole(property.Value); break;
                    case "meta": ReadMeta(property.Value, user); break;
                    default:
                        if (string.Equals(property.Name, ScimSchemas.WireProfile, StringComparison.OrdinalIgnoreCase))
                            ReadRichInfoList(property.Value, listFields);
                        else if (string.Equals(property.Name, ScimSchemas.WireRichInfoMap, StringComparison.OrdinalIgnoreCase)
                                 && property.Value.ValueKind == JsonValueKind.Object)
                            foreach (var entry in property.Value.EnumerateObject())
                                if (StringOf(entry.Value) is { Length: > 0 } value) mapFields[entry.Name] = value;
                        break;
                }
            }
            MergeRichInfo(user, listFields, mapFields);
            return user;
        }

        private static void MergeRichInfo(User user, List<KeyValuePair<string, string>> list, SortedDictionary<string, string> map)
        {
            foreach (var field in list)
                if (field.Value.Length > 0) user.RichInfo[field.Key] = field.Value;
            foreach (var field in map) user.RichInfo[field.Key] = field.Value;
        }

        private static void ReadRichInfoList(JsonElement extension, List<KeyValuePair<string, string>> fields)
        {
            if (extension.ValueKind != JsonValueKind.Object) return;
            foreach (var property in extension.EnumerateObject())
            {
                if (!string.Equals(property.Name, "richInfo", StringComparison.OrdinalIgnoreCase)) continue;
                var container = property.Value;
                JsonElement items = container;
                if (container.ValueKind == JsonValueKind.Object)
                {
                    items = default;
                    foreach (var inner in container.EnumerateObject())
                        if (string.Equals(inner.Name, "fields", StringComparison.OrdinalIgnoreCase)) items = inner.Value;
                }
                if (items.ValueKind != JsonValueKind.Array) continue;
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object) continue;
                    string? type = null, value = null;
                    foreach (var part in item.EnumerateObject())
                    {
                        if (string.Equals(part.Name, "type", StringComparison.OrdinalIgnoreCase)) type = StringOf(part.Value);
                        else if (string.Equals(part.Name, "value", StringComparison.OrdinalIgnoreCase)) value = StringOf(part.Value);
                    }
                    if (type != null && value != null) fields.Add(new KeyValuePair<string, string>(type, value));
                }
            }
        }

        private static void ReadMeta(JsonElement meta, User user)
        {
            var read = ScimMeta.Read(meta);
            user.Created = read.Created;
            user.LastModified = read.LastModified;
            user.Version = read.Version;
            user.Location = read.Location;
        }

        private static string? PrimaryEmail(JsonElement emails)
        {
            if (emails.ValueKind != JsonValueKind.Array) return null;
            string? first = null;
            foreach (var email in emails.EnumerateArray())
            {
                string? value = null;
                bool primary = false;
                if (email.ValueKind == JsonValueKind.String) value = StringOf(email);
                else if (email.ValueKind == JsonValueKind.Object)
                    foreach (var part in email.EnumerateObject())
                    {
                        if (string.Equals(part.Name, "value", StringComparison.OrdinalIgnoreCase)) value = StringOf(part.Value);
                        else if (string.Equals(part.Name, "primary", StringComparison.OrdinalIgnoreCase)) primary = BooleanOf(part.Value) ?? false;
                    }
                if (value == null) continue;
                if (primary) return value;
                first ??= value;
            }
            return first;
        }

        private static string? FirstRole(JsonElement roles)
        {
            if (roles.ValueKind != JsonValueKind.Array) return null;
            foreach (var role in roles.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.String) return StringOf(role);
                if (role.ValueKind == JsonValueKind.Object)
                    foreach (var part in role.EnumerateObject())
                        if (string.Equals(part.Name, "value", StringComparison.OrdinalIgnoreCase)) return StringOf(part.Value);
            }
            return null;
        }

        internal static string? StringOf(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => TextOf(value),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

        /// <summary>A JSON string's text; an escaped lone surrogate (which .NET cannot decode) is kept as its raw escape.</summary>
        private static string TextOf(JsonElement value)
        {
            try
            {
                return value.GetString() ?? string.Empty;
            }
            catch (InvalidOperationException)
            {
                var raw = value.GetRawText();
                return raw.Length >= 2 ? raw.Substring(1, raw.Length - 2) : raw;
            }
        }

        internal static bool? BooleanOf(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(TextOf(value), out var parsed) => parsed,
            _ => null,
        };

        internal static DateTime? DateOf(JsonElement value) =>
            value.ValueKind == JsonValueKind.String
            && DateTime.TryParse(TextOf(value), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : (DateTime?)null;
    }
}
