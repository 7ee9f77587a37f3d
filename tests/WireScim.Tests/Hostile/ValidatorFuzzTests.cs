using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using WireScim.Validation;
using Xunit;

namespace WireScim.Tests.Hostile
{
    /// <summary>Random strings for every user attribute: the validator never throws and agrees with an oracle written from Wire's rules (docs/wire-behaviour.md).</summary>
    public class ValidatorFuzzTests
    {
        private static readonly char[] LanguageSeparators = { '-', '_' };

        private const int Cases = 6000;

        // Wire's rules, restated independently of UserValidator.
        private static readonly Regex HandleRule = new Regex(@"^[a-z0-9_.-]{2,256}\z", RegexOptions.CultureInvariant);
        private static readonly HashSet<string> RoleSet = new HashSet<string>(StringComparer.Ordinal) { "owner", "admin", "member", "partner" };
        private static readonly HashSet<string> ActiveWords = new HashSet<string>(StringComparer.Ordinal)
            { "true", "false", "1", "0", "yes", "no", "y", "n", "on", "off", "$true", "$false" };

        // ISO 639-1, written out here rather than read from the module.
        private static readonly HashSet<string> Iso6391 = new HashSet<string>((
            "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
            "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko " +
            "kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi " +
            "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk " +
            "ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '), StringComparer.Ordinal);

        private static readonly string[] Pieces =
        {
            "a", "z", "0", "9", "_", ".", "-", "A", "Z", "jdoe", "x", " ", "\t", "\u00a0", "\u3000", "\u2028", "\u200b",
            "\0", "\u0001", "\u001f", "\u007f", "\u0085", "\n", "\r",
            "é", "ß", "\u0130", "\u212a", "\u0301", "\u0308", "ا", "ل", "ע", "ש", "\u200f", "\u202e",
            "😀", "👩‍💻", "\ud83c\udff3", "\ud800", "\udfff", "@", "@example.com", ".com", "en", "de", "-", "_", "EN", "xx", "owner", "Admin",
            "member", "PARTNER", "true", "no", "$true", "1", "2", "<", ">", "\"", "'", ",", ";", "\\", "/", "%00", "\ufeff", "\ufffd",
        };

        private static string RandomText(Random random)
        {
            switch (random.Next(8))
            {
                case 0: return string.Empty;
                case 1: // plain ASCII printable
                    return new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => (char)random.Next(0x20, 0x7f)).ToArray());
                case 2: // any UTF-16 code unit, lone surrogates included
                    return new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => (char)random.Next(0, 0x10000)).ToArray());
                case 3: // long runs around the limits
                {
                    var length = new[] { 1, 2, 127, 128, 129, 255, 256, 257, 300 }[random.Next(9)];
                    var unit = random.Next(3) switch { 0 => "a", 1 => "😀", _ => "ה" };
                    return string.Concat(Enumerable.Repeat(unit, length));
                }
                case 4: // a valid code point anywhere in Unicode, as a pair when above the BMP
                {
                    var builder = new StringBuilder();
                    for (int i = random.Next(1, 10); i > 0; i--)
                    {
                        int cp = random.Next(0, 0x110000);
                        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
                        builder.Append(char.ConvertFromUtf32(cp));
                    }
                    return builder.ToString();
                }
                default:
                {
                    var builder = new StringBuilder();
                    for (int i = random.Next(0, 12); i > 0; i--) builder.Append(Pieces[random.Next(Pieces.Length)]);
                    return builder.ToString();
                }
            }
        }

        private static string? Maybe(Random random) => random.Next(6) == 0 ? null : RandomText(random);

        // Trimming as the module documents it: surrounding white space is not part of a value, and empty means not given.
        private static string? Given(string? value)
        {
            if (value == null) return null;
            int start = 0, end = value.Length;
            while (start < end && char.IsWhiteSpace(value[start])) start++;
            while (end > start && char.IsWhiteSpace(value[end - 1])) end--;
            return start == end ? null : value.Substring(start, end - start);
        }

        private static bool HasControl(string value) => value.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Control);

        private static int CountCodePoints(string value)
        {
            int count = 0;
            for (int i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1) count++;
            return count;
        }

        private static bool IsWhite(char c) => Regex.IsMatch(c.ToString(), @"^\s\z");

        // Wire's addr-spec (email-validate) without comments and folded white space, which the module refuses.
        private const string Atom = @"(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]|[^\x00-\x7f\p{Cc}])+";
        private const string Quoted = @"""(?:[^""\\\p{Cc}]|\\[^\p{Cc}])*""";
        private const string Label = @"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
        private static readonly Regex EmailRule = new Regex(
            $@"^(?<local>(?:{Atom}|{Quoted})(?:\.(?:{Atom}|{Quoted}))*)@(?<domain>{Label}(?:\.{Label})*\.?|\[[\x21-\x5a\x5e-\x7e ]*\])\z",
            RegexOptions.CultureInvariant);

        private static readonly HashSet<string> Reserved = new HashSet<string>(Units.WireRuleValidatorTests.WireReservedHandles, StringComparer.Ordinal);

        private static bool OracleEmail(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsSurrogatePair(value, i)) { i++; continue; }
                if (char.IsSurrogate(value[i])) return false;
            }
            var match = EmailRule.Match(value);
            if (!match.Success) return false;
            var domain = match.Groups["domain"].Value.TrimEnd('.');
            var localBytes = Encoding.UTF8.GetByteCount(match.Groups["local"].Value);
            return localBytes <= 64 && domain.Length <= 253 && localBytes + 1 + domain.Length <= 254;
        }

        private static bool TooLongName(string? name) => name != null && CountCodePoints(name) > 128;

        private static HashSet<string> Oracle(UserInput input, TeamMode mode)
        {
            var failing = new HashSet<string>(StringComparer.Ordinal);
            var userName = Given(input.UserName);
            if (userName == null || !HandleRule.IsMatch(userName.ToLowerInvariant()) || Reserved.Contains(userName.ToLowerInvariant())) failing.Add("UserName");
            var displayName = Given(input.DisplayName);
            if (displayName != null && (HasControl(displayName) || CountCodePoints(displayName) > 128)) failing.Add("DisplayName");
            var email = Given(input.Email);
            if (email != null && (HasControl(email) || !OracleEmail(email))) failing.Add("Email");
            var externalId = Given(input.ExternalId);
            // Without a display name Wire uses the NameID (SSO) or the e-mail (invitation); unknown mode checks both.
            var invitationName = email ?? (externalId != null && OracleEmail(externalId) ? externalId : null);
            if (displayName == null && ((mode != TeamMode.Invitation && TooLongName(externalId)) || (mode != TeamMode.SingleSignOn && TooLongName(invitationName))))
                failing.Add("DisplayName");
            if (externalId == null || HasControl(externalId) || (mode == TeamMode.Invitation && email == null && !OracleEmail(externalId)))
                failing.Add("ExternalId");
            var language = Given(input.PreferredLanguage);
            if (language != null)
            {
                int cut = language.IndexOfAny(LanguageSeparators);
                var first = (cut < 0 ? language : language.Substring(0, cut)).ToLowerInvariant();
                if (first.Length != 2 || !Iso6391.Contains(first)) failing.Add("PreferredLanguage");
            }
            var role = Given(input.Role);
            if (role != null && !RoleSet.Contains(role.ToLowerInvariant())) failing.Add("Role");
            if (input.Active is string active && Given(active) is string activeText && !ActiveWords.Contains(activeText.ToLowerInvariant()))
                failing.Add("Active");
            return failing;
        }

        [Fact]
        public void Random_inputs_never_throw_and_match_the_rules()
        {
            var random = new Random(20240611);
            var disagreements = new List<string>();
            for (int i = 0; i < Cases; i++)
            {
                var input = new UserInput
                {
                    UserName = Maybe(random), DisplayName = Maybe(random), ExternalId = Maybe(random), Email = random.Next(3) == 0 ? Maybe(random) : null,
                    PreferredLanguage = random.Next(2) == 0 ? Maybe(random) : null, Role = random.Next(2) == 0 ? Maybe(random) : null,
                    Active = random.Next(3) == 0 ? Maybe(random) : null,
                };
                var mode = (TeamMode)random.Next(3);
                ValidationResult result;
                try
                {
                    result = UserValidator.Validate(input, forCreate: true, mode);
                }
                catch (Exception error)
                {
                    disagreements.Add($"case {i}: threw {error.GetType().Name}: {error.Message} for {Describe(input)}");
                    continue;
                }
                var actual = new HashSet<string>(result.Problems.Select(p => p.Field), StringComparer.Ordinal);
                var expected = Oracle(input, mode);
                if (!actual.SetEquals(expected))
                    disagreements.Add($"case {i} ({mode}): validator [{string.Join(",", actual.OrderBy(x => x))}] oracle [{string.Join(",", expected.OrderBy(x => x))}] for {Describe(input)}");
                foreach (var problem in result.Problems)
                {
                    if (!problem.ErrorId.StartsWith("WireScim.", StringComparison.Ordinal) || string.IsNullOrEmpty(problem.Rule) || string.IsNullOrEmpty(problem.Message))
                        disagreements.Add($"case {i}: incomplete problem {problem.ErrorId} '{problem.Rule}' '{problem.Message}'");
                    // Values in messages are shown shortened and printable, whatever came in.
                    if (problem.Message.Length > 700 || problem.Message.Any(char.IsControl) || (problem.Value != null && (problem.Value.Length > 90 || problem.Value.Any(char.IsControl))))
                        disagreements.Add($"case {i}: unbounded or unprintable message ({problem.Message.Length} chars): {Escape(problem.Message, 120)}");
                }
                if (result.IsValid)
                {
                    var handle = result.User.UserName!;
                    if (!HandleRule.IsMatch(handle)) disagreements.Add($"case {i}: valid result sends handle '{Escape(handle, 80)}'");
                }
                if (disagreements.Count > 20) break;
            }
            Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        }

        [Fact]
        public void Random_rich_info_never_throws_and_is_checked()
        {
            var random = new Random(77);
            var failures = new List<string>();
            for (int i = 0; i < 3000; i++)
            {
                var fields = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal);
                for (int f = random.Next(0, 5); f > 0; f--)
                {
                    var key = RandomText(random);
                    object? value = random.Next(6) switch { 0 => null, 1 => random.Next(), 2 => new[] { "a" }, 3 => 1.5, _ => RandomText(random) };
                    fields[key] = value;
                }
                var input = new UserInput { UserName = "jdoe", ExternalId = "jdoe@example.com", RichInfo = fields };
                try
                {
                    var result = UserValidator.Validate(input, forCreate: true, TeamMode.SingleSignOn);
                    // What would be sent holds only non-empty, control-free text under unique names (ignoring case).
                    if (result.IsValid)
                        foreach (System.Collections.DictionaryEntry entry in result.User.RichInfo!)
                            if (entry.Value is not string text || text.Length == 0 || HasControl(text))
                                failures.Add($"case {i}: sends field '{Escape((string)entry.Key, 40)}' = '{Escape(entry.Value as string ?? "?", 40)}'");
                    foreach (var problem in result.Problems)
                    {
                        if (problem.Message.Length > 700 || problem.Message.Any(char.IsControl))
                            failures.Add($"case {i}: {problem.ErrorId} message not shortened/printable ({problem.Message.Length} chars): {Escape(problem.Message, 100)}");
                        if (problem.Value != null && (problem.Value.Length > 90 || problem.Value.Any(char.IsControl)))
                            failures.Add($"case {i}: {problem.ErrorId} Value not shortened/printable ({problem.Value.Length} chars): {Escape(problem.Value, 60)}");
                    }
                    // Names that would both be sent (non-empty values) must not differ only in case.
                    var names = fields.Cast<System.Collections.DictionaryEntry>()
                        .Where(e => e.Value != null && (e.Value is not string text || Given(text) != null))
                        .Select(e => Given((string)e.Key)).Where(k => k != null).ToList();
                    bool clash = names.GroupBy(k => k!, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1);
                    if (clash && result.IsValid) failures.Add($"case {i}: names equal ignoring case were accepted: {string.Join(",", names.Select(n => Escape(n!, 20)))}");
                    if (fields.Values.Cast<object?>().Any(v => v is string[]) && result.IsValid) failures.Add($"case {i}: an array value was accepted");
                }
                catch (Exception error)
                {
                    failures.Add($"case {i}: threw {error.GetType().Name}: {error.Message}");
                }
                if (failures.Count > 20) break;
            }
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }

        private static string Describe(UserInput input) =>
            $"UserName='{Escape(input.UserName, 40)}' DisplayName='{Escape(input.DisplayName, 40)}' ExternalId='{Escape(input.ExternalId, 40)}' " +
            $"Email='{Escape(input.Email, 40)}' Language='{Escape(input.PreferredLanguage, 20)}' Role='{Escape(input.Role, 20)}' Active='{Escape(input.Active as string, 20)}'";

        internal static string Escape(string? value, int max)
        {
            if (value == null) return "(null)";
            var builder = new StringBuilder();
            foreach (var c in value.Take(max))
                builder.Append(c < 0x20 || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString());
            return builder + (value.Length > max ? $"...({value.Length})" : string.Empty);
        }
    }
}
