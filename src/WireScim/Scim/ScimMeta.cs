using System;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>The "meta" object every SCIM resource carries: created, lastModified, version and location.</summary>
    internal sealed class ScimMeta
    {
        public DateTime? Created { get; private set; }
        public DateTime? LastModified { get; private set; }
        public string? Version { get; private set; }
        public Uri? Location { get; private set; }

        public static ScimMeta Read(JsonElement meta)
        {
            var read = new ScimMeta();
            if (meta.ValueKind != JsonValueKind.Object) return read;
            foreach (var property in meta.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "created": read.Created = UserJson.DateOf(property.Value); break;
                    case "lastmodified": read.LastModified = UserJson.DateOf(property.Value); break;
                    case "version": read.Version = UserJson.StringOf(property.Value); break;
                    case "location":
                        if (Uri.TryCreate(UserJson.StringOf(property.Value), UriKind.Absolute, out var location)) read.Location = location;
                        break;
                }
            }
            return read;
        }
    }
}
