using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WireScim.Scim
{
    /// <summary>
    /// Text from outside (server answers, exception messages, input values) made fit for messages and ids:
    /// printable, bounded, and with anything that looks like a secret masked.
    /// </summary>
    internal static class SafeText
    {
        private const int ExcerptLength = 200;
        private const int ShownValueLength = 60;
        private static readonly Regex Tags = new Regex("<[^>]*>", RegexOptions.Compiled);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.Compiled);
        // SCIM tokens are 44 base64 characters; bearer values and long base64 runs are masked wherever they appear.
        private static readonly Regex SecretLike = new Regex(@"(?i:bearer\s+)\S+|[A-Za-z0-9+/]{32,}={0,2}", RegexOptions.Compiled);

        /// <summary>A short, printable, secret-free excerpt of an unexpected body (HTML tags and whitespace folded).</summary>
        public static string Excerpt(string body) => Sanitise(Tags.Replace(body, " "), ExcerptLength);

        /// <summary>Control characters and runs of whitespace folded to one space, secrets masked, cut to <paramref name="maxLength"/>.</summary>
        public static string Sanitise(string text, int maxLength)
        {
            // Fold and mask first, cut last: a cut before masking could leave part of a secret too short to recognise.
            if (text.Length > 64 * 1024) text = text.Substring(0, 64 * 1024);
            var builder = new StringBuilder(text.Length);
            foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
            var folded = Space.Replace(builder.ToString(), " ").Trim();
            folded = SecretLike.Replace(folded, match => match.Value.StartsWith("bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : "***");
            return folded.Length <= maxLength ? folded : folded.Substring(0, maxLength) + "...";
        }

        /// <summary>An input value as typed, for validation messages: control characters escaped (not folded), long values cut and marked.</summary>
        public static string Show(string? value)
        {
            if (value == null) return string.Empty;
            var shown = new StringBuilder();
            int used = 0;
            for (; used < value.Length && shown.Length < ShownValueLength; used++)
            {
                var c = value[used];
                if (char.IsControl(c)) shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else shown.Append(c);
            }
            return used < value.Length ? shown + $"... ({value.Length} characters)" : shown.ToString();
        }
    }
}
