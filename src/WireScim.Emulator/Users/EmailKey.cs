namespace WireScim.Emulator.Users;

/// <summary>
/// brig's unique key of an e-mail address (mkEmailKey in libs/wire-subsystems/src/Wire/UserKeyStore.hs): lower case,
/// and outside Wire's own domains the local part ends at the first '+'.
/// </summary>
internal static class EmailKey
{
    private static readonly string[] TrustedDomains = ["wearezeta.com", "wire.com", "simulator.amazonses.com"];

    public static string Of(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0) return email.ToLowerInvariant();
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (!TrustedDomains.Contains(domain))
        {
            var plus = local.IndexOf('+');
            if (plus >= 0) local = local[..plus];
        }
        return $"{local.ToLowerInvariant()}@{domain.ToLowerInvariant()}";
    }

    public static bool Same(string? a, string b) => a is not null && Of(a) == Of(b);
}
