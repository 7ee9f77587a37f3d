using System;
using System.Text;

namespace WireScim.Validation
{
    /// <summary>
    /// E-mail syntax as Wire reads it: RFC 5322 addr-spec as the Haskell email-validate library parses it
    /// (libs/wire-api/src/Wire/API/User/EmailAddress.hs; libs/hscim/src/Web/Scim/Schema/User/Email.hs).
    /// </summary>
    /// <remarks>
    /// Accepted as Wire accepts them: dot-separated atoms or quoted strings before the '@' (non-ASCII letters too),
    /// at most 64 bytes; a domain of letter/digit/hyphen labels (1-63 characters, not starting or ending with '-';
    /// a single label such as 'localhost' is allowed) or a literal in brackets; at most 254 bytes in all.
    /// Refused although Wire's parser takes them (about_WireScim lists these): comments and folded white
    /// space between the parts, as in 'jane(work)@example.com', and control characters anywhere.
    /// </remarks>
    internal static class EmailSyntax
    {
        private const string AtomSymbols = "!#$%&'*+/=?^_`{|}~-";
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>Why Wire would not read <paramref name="value"/> as an e-mail address, or null when it would.</summary>
        public static string? Problem(string value)
        {
            for (int i = 0; i < value.Length; i++)
                if (char.IsSurrogate(value[i]) && !IsWholeCharacter(value, i)) return "it contains a broken Unicode character";
            int position = 0;
            var localProblem = ReadLocalPart(value, ref position);
            if (localProblem != null) return localProblem;
            if (position >= value.Length || value[position] != '@') return "it needs one '@' between a name and a domain";
            var local = value.Substring(0, position);
            if (Utf8.GetByteCount(local) > 64) return "the part before '@' is longer than 64 bytes";
            var domain = value.Substring(position + 1);
            var domainProblem = domain.StartsWith("[", StringComparison.Ordinal) ? CheckDomainLiteral(domain) : CheckDomainName(ref domain);
            if (domainProblem != null) return domainProblem;
            if (Utf8.GetByteCount(local) + 1 + domain.Length > 254) return "it is longer than 254 bytes";
            return null;
        }

        public static bool IsValid(string value) => Problem(value) == null;

        private static string? ReadLocalPart(string value, ref int position)
        {
            while (true)
            {
                if (position >= value.Length) return "it needs one '@' between a name and a domain";
                var c = value[position];
                if (c == '"')
                {
                    var quoted = ReadQuoted(value, ref position);
                    if (quoted != null) return quoted;
                }
                else
                {
                    int start = position;
                    while (position < value.Length && IsAtomChar(value, position)) position++;
                    if (position == start)
                        return c == '@' || c == '.' ? "a dot or '@' is missing its name part (as in '.a@x.io', 'a..b@x.io' or '@x.io')"
                            : char.IsWhiteSpace(c) ? "it contains white space outside quotes"
                            : char.IsControl(c) ? "it contains a control character"
                            : $"'{c}' is not allowed before '@' unless the name is in double quotes";
                }
                if (position >= value.Length || value[position] == '@') return null;
                var next = value[position];
                if (next != '.')
                    return char.IsWhiteSpace(next) ? "it contains white space outside quotes"
                        : char.IsControl(next) ? "it contains a control character"
                        : $"'{next}' is not allowed before '@' unless the name is in double quotes";
                position++;
            }
        }

        private static bool IsAtomChar(string value, int index)
        {
            var c = value[index];
            if (c < 0x80) return IsAsciiLetterOrDigit(c) || AtomSymbols.IndexOf(c) >= 0;
            return IsWholeCharacter(value, index);
        }

        private static string? ReadQuoted(string value, ref int position)
        {
            position++;
            while (position < value.Length)
            {
                var c = value[position];
                if (c == '"')
                {
                    position++;
                    return null;
                }
                if (char.IsControl(c)) return "it contains a control character";
                if (c == '\\')
                {
                    if (position + 1 >= value.Length) break;
                    if (char.IsControl(value[position + 1])) return "it contains a control character";
                    position += 2;
                    continue;
                }
                if (c >= 0x80 && !IsWholeCharacter(value, position)) return "it contains a broken Unicode character";
                position++;
            }
            return "a double quote is not closed";
        }

        private static string? CheckDomainName(ref string domain)
        {
            if (domain.EndsWith(".", StringComparison.Ordinal)) domain = domain.Substring(0, domain.Length - 1);
            if (domain.Length == 0) return "the domain after '@' is missing";
            if (domain.Length > 253) return "the domain is longer than 253 characters";
            foreach (var label in domain.Split('.'))
            {
                if (label.Length == 0) return "the domain has an empty part (two dots in a row, or a leading dot)";
                if (label.Length > 63) return "a part of the domain is longer than 63 characters";
                foreach (var c in label)
                {
                    if (c == '@') return "it has more than one '@'";
                    if (!IsAsciiLetterOrDigit(c) && c != '-')
                        return c >= 0x80
                            ? "the domain has a non-ASCII character: give an internationalised domain in its xn-- (punycode) form"
                            : $"the domain has '{c}': only letters, digits, '-' and '.' are allowed";
                }
                if (label[0] == '-' || label[label.Length - 1] == '-') return "a part of the domain starts or ends with '-'";
            }
            return null;
        }

        private static string? CheckDomainLiteral(string domain)
        {
            if (!domain.EndsWith("]", StringComparison.Ordinal) || domain.Length < 2) return "a domain in brackets is not closed with ']'";
            for (int i = 1; i < domain.Length - 1; i++)
            {
                var c = domain[i];
                if (c == ' ' || c == '\t') continue;
                if (c < 33 || c > 126 || c == '[' || c == ']' || c == '\\') return "a domain in brackets has a character it may not have";
            }
            return null;
        }

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

        /// <summary>A non-ASCII character that encodes to UTF-8: not half of a surrogate pair.</summary>
        private static bool IsWholeCharacter(string value, int index)
        {
            var c = value[index];
            if (char.IsHighSurrogate(c)) return index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
            if (char.IsLowSurrogate(c)) return index > 0 && char.IsHighSurrogate(value[index - 1]);
            return !char.IsControl(c);
        }
    }
}
