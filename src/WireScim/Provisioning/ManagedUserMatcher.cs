using System;
using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Matches input rows to the users the state file manages, without asking Wire. A row is a managed user when its
    /// externalId is that user's (current, then earlier ones), or else when its handle is the one last sent for a
    /// managed user no other row claimed: then its externalId changed, and the user is updated, never made twice.
    /// ExternalIds compare exactly (as Wire compares them); handles are lowercase already. Managed users no row
    /// matched are the missing ones.
    /// </summary>
    internal static class ManagedUserMatcher
    {
        /// <param name="rows">Row number, externalId and handle of every input row, valid or not (an invalid row still keeps its user from counting as missing).</param>
        public static ManagedUserMatches Match(IEnumerable<(int Row, string? ExternalId, string? UserName)> rows, IReadOnlyList<SyncStateEntry> entries)
        {
            var byExternalId = new Dictionary<string, SyncStateEntry>(StringComparer.Ordinal);
            var byFormerExternalId = new Dictionary<string, SyncStateEntry>(StringComparer.Ordinal);
            var byUserName = new Dictionary<string, SyncStateEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                byExternalId[entry.ExternalId] = entry;
                if (entry.FormerExternalIds != null)
                    foreach (var former in entry.FormerExternalIds) if (!byFormerExternalId.ContainsKey(former)) byFormerExternalId[former] = entry;
                if (entry.UserName != null) byUserName[entry.UserName] = entry;
            }

            var list = new List<(int Row, string? ExternalId, string? UserName)>(rows);
            var byRow = new Dictionary<int, SyncStateEntry>();
            var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            Claim(list, row => row.ExternalId, byExternalId, byRow, claimed);
            Claim(list, row => row.ExternalId, byFormerExternalId, byRow, claimed);
            Claim(list, row => row.UserName, byUserName, byRow, claimed);

            var missing = new List<SyncStateEntry>();
            foreach (var entry in entries) if (!claimed.Contains(entry.Id)) missing.Add(entry);
            return new ManagedUserMatches(byRow, missing, entries.Count);
        }

        private static void Claim(List<(int Row, string? ExternalId, string? UserName)> rows, Func<(int Row, string? ExternalId, string? UserName), string?> key,
            Dictionary<string, SyncStateEntry> index, Dictionary<int, SyncStateEntry> byRow, HashSet<string> claimed)
        {
            foreach (var row in rows)
            {
                if (byRow.ContainsKey(row.Row)) continue;
                var value = key(row);
                if (value == null || !index.TryGetValue(value, out var entry) || claimed.Contains(entry.Id)) continue;
                byRow[row.Row] = entry;
                claimed.Add(entry.Id);
            }
        }
    }
}
