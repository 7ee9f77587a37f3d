using System;
using System.Text;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>Builds the one filter form Wire understands: <c>attribute eq "value"</c>, safely quoted and encoded.</summary>
    internal static class ScimFilter
    {
        private static readonly JsonSerializerOptions LiteralOptions = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The query string (without '?') for an equality filter.</summary>
        public static string EqualsQuery(string attribute, string value)
        {
            // JSON string escaping is what a SCIM string literal needs; the relaxed encoder leaves '+' and the like
            // readable, and percent-encoding then makes them safe in the query ('+' travels as %2B, not as a space).
            var literal = JsonSerializer.Serialize(value, LiteralOptions);
            var filter = attribute + " eq " + literal;
            return "filter=" + Uri.EscapeDataString(filter);
        }
    }
}
