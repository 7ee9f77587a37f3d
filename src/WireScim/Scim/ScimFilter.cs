using System;
using System.Text;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>
    /// Builds the filters Wire understands, safely quoted and encoded: <c>attribute eq "value"</c> on /Users and
    /// <c>displayName co "value"</c> on /Groups (the only group filter; any other is a 500).
    /// </summary>
    internal static class ScimFilter
    {
        private static readonly JsonSerializerOptions LiteralOptions = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The query string (without '?') for an equality filter.</summary>
        public static string EqualsQuery(string attribute, string value) => Query(attribute, "eq", value);

        /// <summary>The query string (without '?') for a substring filter.</summary>
        public static string ContainsQuery(string attribute, string value) => Query(attribute, "co", value);

        private static string Query(string attribute, string op, string value)
        {
            // JSON string escaping is what a SCIM string literal needs; the relaxed encoder leaves '+' and the like
            // readable, and percent-encoding then makes them safe in the query ('+' travels as %2B, not as a space).
            var literal = JsonSerializer.Serialize(value, LiteralOptions);
            var filter = attribute + " " + op + " " + literal;
            return "filter=" + Uri.EscapeDataString(filter);
        }

        /// <summary>
        /// What to search with <c>displayName co</c> to find a group by its exact name: the longest run of the name
        /// without '%', '_' or ''. Wire turns the value into SQL <c>ILIKE '%value%'</c> without escaping, so '%' and '_'
        /// are wildcards and '\' is the LIKE escape character; a run free of all three means itself on any reading,
        /// so every group with the name is in the answer. The answer can hold more (other names containing the run,
        /// any case): the caller compares the exact name. A name made only of those characters searches "" (all groups).
        /// </summary>
        public static string LiteralRunOf(string name)
        {
            string best = string.Empty;
            int start = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i < name.Length && name[i] != '%' && name[i] != '_' && name[i] != '\\') continue;
                if (i - start > best.Length) best = name.Substring(start, i - start);
                start = i + 1;
            }
            return best;
        }
    }
}
