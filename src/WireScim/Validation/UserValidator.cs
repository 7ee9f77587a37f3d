using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Validation
{
    /// <summary>The outcome of checking one input: the user Wire would receive, or the rules it breaks.</summary>
    internal sealed class ValidationResult
    {
        internal ValidationResult(UserValues user, IReadOnlyList<ValidationProblem> problems, IReadOnlyList<string> notes)
        {
            User = user;
            Problems = problems;
            Notes = notes;
        }

        /// <summary>The normalised attributes (lowercased handle, trimmed values). Only given fields are set.</summary>
        public UserValues User { get; }
        public IReadOnlyList<ValidationProblem> Problems { get; }

        /// <summary>What was normalised on the way, for -Verbose.</summary>
        public IReadOnlyList<string> Notes { get; }
        public bool IsValid => Problems.Count == 0;
    }

    /// <summary>Wire's attribute rules, applied before anything is sent.</summary>
    internal static class UserValidator
    {
        /// <summary>Wire's default rich-info limit (spar's richInfoLimit); an instance may configure another.</summary>
        public const int RichInfoLimit = 5000;
        public const int DisplayNameLimit = 128;
        public static readonly IReadOnlyList<string> Roles = new[] { "owner", "admin", "member", "partner" };
        private static readonly string[] SecretWords = { "password", "passwd", "pwd", "secret", "token" };

        /// <param name="input">The raw attributes.</param>
        /// <param name="forCreate">true: userName and externalId are required (create, sync); false: only given fields are checked (update).</param>
        /// <param name="mode">How the team provisions: in invitation teams externalId must be an e-mail unless Email is given.</param>
        /// <param name="richInfoLimit">The instance's rich-info limit in characters (field names and values).</param>
        public static ValidationResult Validate(UserInput input, bool forCreate, TeamMode mode, int richInfoLimit = RichInfoLimit)
        {
            var problems = new List<ValidationProblem>();
            var notes = new List<string>();
            var user = new UserValues();

            user.UserName = CheckUserName(Clean(input.UserName), forCreate, problems, notes);
            user.DisplayName = CheckDisplayName(Clean(input.DisplayName), problems);
            user.Email = CheckEmail(Clean(input.Email), problems);
            user.ExternalId = CheckExternalId(Clean(input.ExternalId), forCreate, mode, user.Email, problems);
            if (forCreate && user.DisplayName == null) CheckDefaultDisplayName(user, mode, problems);
            user.PreferredLanguage = CheckLanguage(Clean(input.PreferredLanguage), problems, notes);
            user.Role = CheckRole(Clean(input.Role), problems, notes);
            // An empty CSV cell means "not given", like every other attribute.
            if (input.Active != null && !(input.Active is string activeText && activeText.Trim().Length == 0))
            {
                if (BooleanText.TryParse(input.Active, out var active)) user.Active = active;
                else problems.Add(Problem("Active", ErrorIds.InvalidActive, "true or false", SafeText.Show(Convert.ToString(input.Active, CultureInfo.InvariantCulture)),
                    $"Active {Quote(Convert.ToString(input.Active, CultureInfo.InvariantCulture))} is not a boolean: use true/false, 1/0 or yes/no."));
            }
            if (input.RichInfo != null) CheckRichInfo(input.RichInfo, user, forCreate, richInfoLimit, problems, notes);
            return new ValidationResult(user, problems, notes);
        }

        /// <summary>Trims surrounding white space (CSV exports are full of it); empty means not given.</summary>
        private static string? Clean(string? value)
        {
            if (value == null) return null;
            var trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        private static string? CheckUserName(string? value, bool required, List<ValidationProblem> problems, List<string> notes)
        {
            if (value == null)
            {
                if (required) problems.Add(Problem("UserName", ErrorIds.MissingUserName, "required", null,
                    "UserName is missing. Every Wire user needs a handle (userName): give -UserName or a UserName/SamAccountName column."));
                return null;
            }
            var lowered = value.ToLowerInvariant();
            if (!string.Equals(lowered, value, StringComparison.Ordinal))
                notes.Add($"UserName '{SafeText.Show(value)}' is lowercased to '{SafeText.Show(lowered)}', as Wire does.");
            var illegal = lowered.Where(c => !IsHandleChar(c)).Distinct().ToList();
            if (illegal.Count > 0)
            {
                problems.Add(Problem("UserName", ErrorIds.InvalidUserName, "a-z 0-9 _ . - only", SafeText.Show(value),
                    $"UserName {Quote(value)} is not a valid Wire handle: only a-z, 0-9, '_', '.' and '-' are allowed, and it contains {DescribeCharacters(illegal)}."));
                return lowered;
            }
            int length = CodePoints(lowered);
            if (length < 2 || length > 256)
                problems.Add(Problem("UserName", ErrorIds.InvalidUserName, "2-256 characters", SafeText.Show(value),
                    $"UserName {Quote(value)} has {length} character{(length == 1 ? string.Empty : "s")}; a Wire handle has 2 to 256."));
            else if (ReservedHandles.Contains(lowered))
                problems.Add(Problem("UserName", ErrorIds.ReservedUserName, "not a handle reserved by Wire", SafeText.Show(value),
                    $"UserName {Quote(value)} is reserved by Wire: no account can have this handle (role names such as admin, support or hr, and a few first names such as anna and otto; the list is in about_WireScim). Choose another UserName, for example with a prefix or suffix."));
            return lowered;
        }

        private static bool IsHandleChar(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';

        private static string? CheckDisplayName(string? value, List<ValidationProblem> problems)
        {
            if (value == null) return null;
            if (HasControlCharacters(value, problems, "DisplayName")) return value;
            int length = CodePoints(value);
            if (length > DisplayNameLimit)
                problems.Add(Problem("DisplayName", ErrorIds.InvalidDisplayName, "1-128 characters", SafeText.Show(value),
                    $"DisplayName {Quote(value)} has {length} characters; Wire allows 1 to {DisplayNameLimit} (each emoji counts as one)."));
            return value;
        }

        /// <summary>
        /// Without a displayName Wire names the user after the SAML NameID (the externalId, even when an e-mail is
        /// given) in single sign-on teams, and after the e-mail address in invitation teams; that name must fit too
        /// (mkUserName in services/spar/src/Spar/Intra/BrigApp.hs).
        /// </summary>
        private static void CheckDefaultDisplayName(UserValues user, TeamMode mode, List<ValidationProblem> problems)
        {
            var invitationName = user.Email ?? (user.ExternalId != null && IsEmail(user.ExternalId) ? user.ExternalId : null);
            var candidates = mode switch
            {
                TeamMode.SingleSignOn => new[] { ("the externalId (the SAML NameID)", user.ExternalId) },
                TeamMode.Invitation => new[] { ("the e-mail address", invitationName) },
                _ => new[] { ("the externalId (the SAML NameID) in single sign-on teams", user.ExternalId), ("the e-mail address in invitation teams", invitationName) },
            };
            foreach (var (source, name) in candidates)
            {
                if (name == null) continue;
                int length = CodePoints(name);
                if (length <= DisplayNameLimit) continue;
                problems.Add(Problem("DisplayName", ErrorIds.InvalidDisplayName, "1-128 characters", SafeText.Show(name),
                    $"DisplayName is not given, so Wire would name the user after {source}, {Quote(name)}, which has {length} characters; a Wire display name has 1 to {DisplayNameLimit}. Give -DisplayName (or a DisplayName column)."));
                return;
            }
        }

        private static string? CheckEmail(string? value, List<ValidationProblem> problems)
        {
            if (value == null) return null;
            if (HasControlCharacters(value, problems, "Email")) return value;
            if (EmailSyntax.Problem(value) is { } reason)
                problems.Add(Problem("Email", ErrorIds.InvalidEmail, "e-mail address", SafeText.Show(value),
                    $"Email {Quote(value)} is not an e-mail address Wire accepts: {reason}."));
            return value;
        }

        private static string? CheckExternalId(string? value, bool required, TeamMode mode, string? email, List<ValidationProblem> problems)
        {
            if (value == null)
            {
                if (required) problems.Add(Problem("ExternalId", ErrorIds.MissingExternalId, "required", null,
                    "ExternalId is missing. Wire requires it: the SAML NameID in single sign-on teams, the e-mail address in e-mail/password teams. Give -ExternalId or an ExternalId/UserPrincipalName column."));
                return null;
            }
            if (HasControlCharacters(value, problems, "ExternalId")) return value;
            if (mode == TeamMode.Invitation && email == null && !IsEmail(value))
                problems.Add(Problem("ExternalId", ErrorIds.InvalidExternalId, "e-mail address in invitation teams", SafeText.Show(value),
                    $"ExternalId {Quote(value)} is not an e-mail address. In e-mail/password teams Wire invites the user by e-mail: make ExternalId the e-mail address, or give -Email."));
            return value;
        }

        private static string? CheckLanguage(string? value, List<ValidationProblem> problems, List<string> notes)
        {
            if (value == null) return null;
            var primary = value.Split('-', '_')[0].ToLowerInvariant();
            if (primary.Length != 2 || !IsoLanguages.IsKnown(primary))
            {
                problems.Add(Problem("PreferredLanguage", ErrorIds.InvalidLanguage, "ISO 639-1", SafeText.Show(value),
                    $"PreferredLanguage {Quote(value)} is not an ISO 639-1 language code (two letters such as en, de, fr)."));
                return value;
            }
            if (!string.Equals(primary, value, StringComparison.Ordinal))
                notes.Add($"PreferredLanguage '{SafeText.Show(value)}' is sent as '{primary}' (Wire keeps only the ISO 639-1 language).");
            return primary;
        }

        private static string? CheckRole(string? value, List<ValidationProblem> problems, List<string> notes)
        {
            if (value == null) return null;
            var lowered = value.ToLowerInvariant();
            if (!Roles.Contains(lowered))
            {
                problems.Add(Problem("Role", ErrorIds.InvalidRole, "owner, admin, member or partner", SafeText.Show(value),
                    $"Role {Quote(value)} is not a Wire role: use owner, admin, member or partner (one role per user)."));
                return value;
            }
            return lowered;
        }

        /// <param name="forCreate">On create an empty field is left out (Wire drops it); on an update it removes the field.</param>
        private static void CheckRichInfo(IDictionary fields, UserValues user, bool forCreate, int limit, List<ValidationProblem> problems, List<string> notes)
        {
            int total = 0;
            user.RichInfo = User.NewRichInfo();
            foreach (DictionaryEntry entry in fields)
            {
                var key = Clean(Convert.ToString(entry.Key, CultureInfo.InvariantCulture));
                if (key == null)
                {
                    problems.Add(Problem("RichInfo", ErrorIds.InvalidRichInfo, "non-empty field names", null, "RichInfo has a field without a name."));
                    continue;
                }
                if (SecretWords.Any(word => key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    problems.Add(Problem("RichInfo", ErrorIds.SecretInRichInfo, "no passwords or secrets", SafeText.Show(key),
                        $"RichInfo field '{SafeText.Show(key)}' looks like a password or secret. Profile fields are visible to the whole team, so it is never sent: remove it from the input."));
                    continue;
                }
                if (!TryText(entry.Value, out var value))
                {
                    problems.Add(Problem("RichInfo", ErrorIds.InvalidRichInfo, "text values", SafeText.Show(key),
                        $"RichInfo field '{SafeText.Show(key)}' has a {entry.Value?.GetType().Name} value; Wire stores only text."));
                    continue;
                }
                if (user.RichInfo.Contains(key))
                {
                    problems.Add(Problem("RichInfo", ErrorIds.DuplicateRichInfoKey, "field names unique ignoring case", SafeText.Show(key),
                        $"RichInfo field '{SafeText.Show(key)}' is given twice (field names are compared ignoring case, as Wire does)."));
                    continue;
                }
                value = value?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    if (forCreate)
                    {
                        notes.Add($"RichInfo field '{SafeText.Show(key)}' is empty and is left out (Wire drops empty fields).");
                        continue;
                    }
                    notes.Add($"RichInfo field '{SafeText.Show(key)}' is empty: it is removed from the user.");
                    user.RichInfo[key] = string.Empty;
                    continue;
                }
                if (HasControlCharacters(value!, problems, "RichInfo." + SafeText.Show(key))) continue;
                total += CodePoints(key) + CodePoints(value!);
                user.RichInfo[key] = value;
            }
            if (total > limit)
                problems.Add(Problem("RichInfo", ErrorIds.RichInfoTooLarge, $"at most {limit} characters", total.ToString(CultureInfo.InvariantCulture),
                    $"RichInfo has {total} characters (field names and values together); Wire allows at most {limit}."));
        }

        /// <summary>The size Wire counts for rich info: every field name and value in code points (richInfoSize).</summary>
        public static int RichInfoSize(IDictionary fields)
        {
            int total = 0;
            foreach (DictionaryEntry entry in fields)
            {
                total += CodePoints(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                if (entry.Value is string value) total += CodePoints(value);
            }
            return total;
        }

        private static bool TryText(object? value, out string? text)
        {
            switch (value)
            {
                case null: text = null; return true;
                case string s: text = s; return true;
                case IEnumerable: text = null; return false;
                case IFormattable formattable: text = formattable.ToString(null, CultureInfo.InvariantCulture); return true;
                default:
                    text = value.GetType().IsPrimitive || value is char ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
                    return text != null;
            }
        }

        private static bool HasControlCharacters(string value, List<ValidationProblem> problems, string field)
        {
            var controls = value.Where(char.IsControl).Distinct().ToList();
            if (controls.Count == 0) return false;
            problems.Add(Problem(field, ErrorIds.ControlCharacters, "no control characters", SafeText.Show(value),
                $"{field} {Quote(value)} contains {DescribeCharacters(controls)}; control characters are not allowed."));
            return true;
        }

        public static bool IsEmail(string value) => EmailSyntax.IsValid(value);

        /// <summary>Unicode code points, as Wire counts: a surrogate pair (an emoji) is one.</summary>
        public static int CodePoints(string value)
        {
            int count = 0;
            for (int i = 0; i < value.Length; i++)
            {
                count++;
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            }
            return count;
        }

        private static ValidationProblem Problem(string field, string errorId, string rule, string? value, string message) =>
            new ValidationProblem(field, errorId, rule, value, message);

        private static string Quote(string? value) => value == null ? "(empty)" : "'" + SafeText.Show(value) + "'";


        private static string DescribeCharacters(IEnumerable<char> characters) =>
            string.Join(", ", characters.Take(8).Select(c => c switch
            {
                ' ' => "' ' (space)",
                '\0' => "a null byte",
                _ when char.IsControl(c) => $"U+{(int)c:X4} (control)",
                _ when char.IsSurrogate(c) => "a character outside a-z (emoji or symbol)",
                _ => $"'{c}'",
            }).Distinct());
    }
}
