using System.Text;
using System.Text.RegularExpressions;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Groups;

/// <summary>
/// The one filter /Groups supports, <c>displayName co "s"</c>, which brig runs as <c>name ILIKE '%s%'</c>
/// (libs/wire-subsystems/src/Wire/Postgres.hs <c>like</c>, <c>fuzzy</c>): case-insensitive, with % and _ in s
/// acting as wildcards and a backslash escaping the next character, as in any LIKE pattern.
/// </summary>
internal sealed class NameContains
{
    private readonly Regex pattern;

    private NameContains(Regex pattern) => this.pattern = pattern;

    /// <summary>What brig's getGroupsInternal accepts; every other parsed filter is a 500.</summary>
    public static NameContains FromFilter(ScimFilter filter)
    {
        if (!string.Equals(filter.Attribute, "displayName", StringComparison.OrdinalIgnoreCase) || filter.SubAttribute is not null ||
            filter.Operator != "co" || filter.StringValue is null)
            throw GroupErrors.UnsupportedFilter();
        return new NameContains(new Regex("^" + LikeToRegex("%" + filter.StringValue + "%") + "\\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline));
    }

    public bool Matches(string name) => pattern.IsMatch(name);

    private static string LikeToRegex(string like)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < like.Length; i++)
        {
            var c = like[i];
            switch (c)
            {
                case '%': regex.Append(".*"); break;
                case '_': regex.Append('.'); break;
                // The pattern always ends in %, so an escape always has a character to escape.
                case '\\' when i + 1 < like.Length:
                    regex.Append(Regex.Escape(like[++i].ToString()));
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return regex.ToString();
    }
}
