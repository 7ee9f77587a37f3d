using System;
using System.Collections.Generic;

namespace WireScim.Validation
{
    /// <summary>
    /// The handles Wire refuses to give anyone (libs/wire-subsystems/src/Wire/UserSubsystem/HandleBlacklist.hs).
    /// </summary>
    /// <remarks>
    /// Wire checks them only after the user passed its other checks, and the refusal reaches the client as a 502
    /// "bad-upstream" that looks like an outage (docs/wire-behaviour.md), so the module refuses them up front.
    /// </remarks>
    internal static class ReservedHandles
    {
        private static readonly HashSet<string> Handles = new HashSet<string>(StringComparer.Ordinal)
        {
            "account", "admin", "administrator", "all", "android", "anna", "avs", "backend", "bot", "cs", "design",
            "dev", "developer", "development", "everyone", "help", "helpdesk", "hr", "info", "ios", "legal",
            "management", "news", "otto", "payment", "product", "purchase", "qa", "support", "team", "user", "web",
            "wire", "wirebot", "wireteam",
        };

        public static IEnumerable<string> All => Handles;

        /// <param name="handle">A handle already lowercased the way Wire lowercases it.</param>
        public static bool Contains(string handle) => Handles.Contains(handle);
    }
}
