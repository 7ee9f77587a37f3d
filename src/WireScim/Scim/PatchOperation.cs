using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>One operation of a SCIM PatchOp request (RFC 7644 section 3.5.2).</summary>
    internal sealed class PatchOperation
    {
        private readonly Action<Utf8JsonWriter>? _value;

        private PatchOperation(string op, string path, Action<Utf8JsonWriter>? value)
        {
            Op = op;
            Path = path;
            _value = value;
        }

        /// <summary>add, replace or remove.</summary>
        public string Op { get; }
        public string Path { get; }

        public static PatchOperation Replace(string path, bool value) => new PatchOperation("replace", path, json => json.WriteBooleanValue(value));
        public static PatchOperation Replace(string path, string value) => new PatchOperation("replace", path, json => json.WriteStringValue(value));

        /// <summary>add with a list of {"value": id} objects, the shape of multi-valued references such as group members.</summary>
        public static PatchOperation AddReferences(string path, IEnumerable<string> ids) => new PatchOperation("add", path, json =>
        {
            json.WriteStartArray();
            foreach (var id in ids)
            {
                json.WriteStartObject();
                json.WriteString("value", id);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

        /// <summary>remove of the path, e.g. members[value eq "id"].</summary>
        public static PatchOperation Remove(string path) => new PatchOperation("remove", path, null);

        /// <summary>The request body: {"schemas":[PatchOp],"Operations":[...]}.</summary>
        public static byte[] Write(IEnumerable<PatchOperation> operations)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteStartArray("schemas");
                json.WriteStringValue(ScimSchemas.PatchOp);
                json.WriteEndArray();
                json.WriteStartArray("Operations");
                foreach (var operation in operations)
                {
                    json.WriteStartObject();
                    json.WriteString("op", operation.Op);
                    json.WriteString("path", operation.Path);
                    if (operation._value != null)
                    {
                        json.WritePropertyName("value");
                        operation._value(json);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return buffer.ToArray();
        }
    }
}
