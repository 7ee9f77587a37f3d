using System.Globalization;
using System.Text.RegularExpressions;

namespace WireScim.Emulator.Groups;

/// <summary>
/// A Wire release as far as /scim/v2/Groups is concerned: none up to 5.23, unpaged in 5.24, paged and SCIM-only
/// listings from 5.25 on.
/// </summary>
internal sealed partial record WireRelease(int Minor)
{
    public string Name => $"5.{Minor}";

    /// <summary>5.24.0 added the Groups routes.</summary>
    public bool HasGroups => Minor >= 24;

    /// <summary>5.25.0 added startIndex/count paging, ordering by id and the SCIM-only listing.</summary>
    public bool PagesGroups => Minor >= 25;

    /// <summary>"5.N" or "5.N.P".</summary>
    public static bool TryParse(string? text, out WireRelease release)
    {
        var match = text is null ? Match.Empty : Shape().Match(text);
        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            release = new WireRelease(minor);
            return true;
        }
        release = new WireRelease(0);
        return false;
    }

    public static WireRelease Parse(string text) =>
        TryParse(text, out var release) ? release : throw new ArgumentException($"'{text}' is not a Wire release such as 5.24.");

    [GeneratedRegex(@"^5\.([0-9]{1,4})(?:\.[0-9]{1,4})?\z")]
    private static partial Regex Shape();
}
