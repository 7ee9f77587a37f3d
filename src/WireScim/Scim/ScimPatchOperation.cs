using System.Collections.Generic;

namespace WireScim.Scim
{
    /// <summary>One operation of a SCIM PATCH: replace a path with a string, a boolean or a list of strings, or remove it.</summary>
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

        /// <summary>A string, a bool or a string list; null for remove.</summary>
        public object? Value { get; }

        public static ScimPatchOperation Replace(string path, string value) => new ScimPatchOperation("replace", path, value);
        public static ScimPatchOperation Replace(string path, bool value) => new ScimPatchOperation("replace", path, value);
        public static ScimPatchOperation Replace(string path, IReadOnlyList<string> values) => new ScimPatchOperation("replace", path, values);
        public static ScimPatchOperation Remove(string path) => new ScimPatchOperation("remove", path, null);
    }
}
