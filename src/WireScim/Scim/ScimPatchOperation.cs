using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>
    /// One operation of a SCIM PatchOp request (RFC 7644 section 3.5.2): replace a path with a string, a boolean or a
    /// list of strings, add references ({"value": id}, as group members are), or remove a path. <see cref="Write"/> is
    /// the one place PatchOp bodies are written.
    /// </summary>
    internal sealed class ScimPatchOperation
    {
        private ScimPatchOperation(string op, string path, object? value)
        {
            Op = op;
            Path = path;
            Value = value;
        }

        public string Op { get; }
        public string Path { get; }

        /// <summary>A string, a bool, a string list or a <see cref="References"/>; null for remove.</summary>
        public object? Value { get; }

        public static ScimPatchOperation Replace(string path, string value) => new ScimPatchOperation("replace", path, value);
        public static ScimPatchOperation Replace(string path, bool value) => new ScimPatchOperation("replace", path, value);
        public static ScimPatchOperation Replace(string path, IReadOnlyList<string> values) => new ScimPatchOperation("replace", path, values);
        public static ScimPatchOperation Remove(string path) => new ScimPatchOperation("remove", path, null);

        /// <summary>add with [{"value": id}, ...], e.g. members of a group.</summary>
        public static ScimPatchOperation AddReferences(string path, IReadOnlyList<string> ids) => new ScimPatchOperation("add", path, new References(ids));

        /// <summary>The request body: {"schemas":[PatchOp],"Operations":[...]}.</summary>
        public static byte[] Write(IReadOnlyList<ScimPatchOperation> operations)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("schemas");
                writer.WriteStringValue(ScimSchemas.PatchOp);
                writer.WriteEndArray();
                writer.WriteStartArray("Operations");
                foreach (var operation in operations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("op", operation.Op);
                    writer.WriteString("path", operation.Path);
                    switch (operation.Value)
                    {
                        case string text: writer.WriteString("value", text); break;
                        case bool flag: writer.WriteBoolean("value", flag); break;
                        case References references:
                            writer.WriteStartArray("value");
                            foreach (var id in references.Ids)
                            {
                                writer.WriteStartObject();
                                writer.WriteString("value", id);
                                writer.WriteEndObject();
                            }
                            writer.WriteEndArray();
                            break;
                        case IReadOnlyList<string> list:
                            writer.WriteStartArray("value");
                            foreach (var item in list) writer.WriteStringValue(item);
                            writer.WriteEndArray();
                            break;
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>Ids written as [{"value": id}, ...].</summary>
        public sealed class References
        {
            public References(IReadOnlyList<string> ids) => Ids = ids;
            public IReadOnlyList<string> Ids { get; }
        }
    }
}
