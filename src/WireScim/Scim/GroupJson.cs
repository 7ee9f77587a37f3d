using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>One page of GET /Groups.</summary>
    internal sealed class GroupPage
    {
        public GroupPage(IReadOnlyList<Group> groups, int totalResults, int startIndex)
        {
            Groups = groups;
            TotalResults = totalResults;
            StartIndex = startIndex;
        }

        public IReadOnlyList<Group> Groups { get; }
        public int TotalResults { get; }

        /// <summary>The startIndex Wire echoed (1 when it sent none).</summary>
        public int StartIndex { get; }
    }

    /// <summary>Maps <see cref="Group"/> to and from Wire's SCIM group JSON.</summary>
    /// <remarks>
    /// Wire parses a group body strictly: schemas, displayName and members are required, and every member needs
    /// value, type and $ref (a member with only "value", as Okta and Entra send it, is a 400). No externalId exists.
    /// </remarks>
    internal static class GroupJson
    {
        public static byte[] Write(string displayName, IEnumerable<string> memberIds, Uri scimBase)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("schemas");
                json.WriteStringValue(ScimSchemas.Group);
                json.WriteEndArray();
                json.WriteString("displayName", displayName);
                json.WriteStartArray("members");
                foreach (var id in memberIds)
                {
                    json.WriteStartObject();
                    json.WriteString("value", id);
                    json.WriteString("type", "User");
                    json.WriteString("$ref", new Uri(scimBase, "Users/" + id).ToString());
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <exception cref="JsonException">The text is not a SCIM group object.</exception>
        public static Group Read(string text)
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement);
        }

        public static Group Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("expected a JSON object for a group");
            var group = new Group();
            try
            {
                foreach (var property in root.EnumerateObject())
                {
                    switch (property.Name.ToLowerInvariant())
                    {
                        case "id": group.Id = UserJson.StringOf(property.Value); break;
                        case "displayname": group.DisplayName = UserJson.StringOf(property.Value); break;
                        case "members": group.Members = MemberIds(property.Value); break;
                        case "meta":
                            var meta = ScimMeta.Read(property.Value);
                            group.Created = meta.Created;
                            group.LastModified = meta.LastModified;
                            group.Version = meta.Version;
                            group.Location = meta.Location;
                            break;
                    }
                }
            }
            catch (InvalidOperationException error)
            {
                throw new JsonException("the group JSON holds text that cannot be decoded: " + error.Message, error);
            }
            return group;
        }

        /// <summary>Member ids, normalised to Guid "D" form so that sets compare whatever case Wire used; duplicates kept once.</summary>
        private static string[] MemberIds(JsonElement members)
        {
            if (members.ValueKind != JsonValueKind.Array) throw new JsonException("members is not an array");
            var ids = new List<string>();
            foreach (var member in members.EnumerateArray())
            {
                if (member.ValueKind != JsonValueKind.Object) throw new JsonException("a member is not an object");
                string? value = null;
                foreach (var part in member.EnumerateObject())
                    if (string.Equals(part.Name, "value", StringComparison.OrdinalIgnoreCase)) value = UserJson.StringOf(part.Value);
                if (value == null) throw new JsonException("a member has no value");
                ids.Add(Guid.TryParse(value, out var id) ? id.ToString("D") : value);
            }
            return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        /// <exception cref="JsonException">The text is not a SCIM list response of groups.</exception>
        public static GroupPage ReadPage(string text)
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("expected a JSON object for a list response");
            var groups = new List<Group>();
            int? total = null;
            int startIndex = 1;
            bool sawResources = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "resources":
                        if (property.Value.ValueKind != JsonValueKind.Array) throw new JsonException("Resources is not an array");
                        sawResources = true;
                        foreach (var resource in property.Value.EnumerateArray()) groups.Add(Read(resource));
                        break;
                    case "totalresults":
                        if (property.Value.TryGetInt32(out var count)) total = count;
                        break;
                    case "startindex":
                        if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var start)) startIndex = start;
                        break;
                }
            }
            if (!sawResources && total is not 0) throw new JsonException("the list response has no Resources");
            return new GroupPage(groups, total ?? groups.Count, startIndex);
        }
    }
}
