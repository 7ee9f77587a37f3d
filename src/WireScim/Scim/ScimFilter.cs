using System;
using System.Text;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>Builds the one filter form Wire understands: <c>attribute eq "value"</c>, safely quoted and encoded.</summary>
    internal static class ScimFilter
    {
        /// <summary>The query string (without '?') for an equality filter.</summary>
        public static string EqualsQuery(string attribute, string value)
        {
            // JsonSerializer escapes quotes, backslashes and control characters exactly as a SCIM string literal needs.
            var literal = JsonSerializer.Serialize(value);
            var filter = attribute + " eq " + literal;
            return "filter=" + Uri.EscapeDataString(filter);
        }
    }
}
