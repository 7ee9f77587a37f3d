namespace WireScim.Emulator.Users;

/// <summary>The handles brig refuses (libs/wire-subsystems/src/Wire/UserSubsystem/HandleBlacklist.hs).</summary>
internal static class HandleBlocklist
{
    public static readonly IReadOnlySet<string> Handles = new HashSet<string>(StringComparer.Ordinal)
    {
        "account", "admin", "administrator", "all", "android", "anna", "avs", "backend", "bot", "cs", "design", "dev",
        "developer", "development", "everyone", "help", "helpdesk", "hr", "info", "ios", "legal", "management", "news",
        "otto", "payment", "product", "purchase", "qa", "support", "team", "user", "web", "wire", "wirebot", "wireteam",
    };

    public static bool Contains(string handle) => Handles.Contains(handle);
}
