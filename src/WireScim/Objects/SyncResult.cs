using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Provisioning;

namespace WireScim
{
    /// <summary>What Sync-WireScimUser did (or, under -WhatIf, would do) for one input row or one missing user.</summary>
    public sealed class SyncResult
    {
        /// <summary>
        /// Created, Updated, Unchanged, Adopted, Disabled, Removed, Gone, Missing, Skipped, Failed, or WouldCreate,
        /// WouldUpdate, WouldDisable, WouldRemove under -WhatIf.
        /// </summary>
        public SyncAction Action { get; set; }

        /// <summary>Input row (from 1); empty for users that are in the state file but not in the input.</summary>
        public int? Row { get; set; }
        public string? UserName { get; set; }
        public string? ExternalId { get; set; }
        public string? Id { get; set; }

        /// <summary>The changed attributes, readable in a CSV report: "DisplayName: 'A' -> 'B'; Role: 'member' -> 'admin'".</summary>
        public string Changes => string.Join("; ", ChangeList.Select(change => change.ToString()));

        /// <summary>The same changes one by one; hidden from tables and Export-Csv, which show <see cref="Changes"/>.</summary>
        [Hidden]
        public IReadOnlyList<AttributeChange> ChangeList { get; set; } = System.Array.Empty<AttributeChange>();

        /// <summary>What an admin should know besides the action: what was not looked up, what remains to be done.</summary>
        public string? Note { get; set; }
        public string? Error { get; set; }
        public string? ErrorId { get; set; }

        public override string ToString() => $"{Action} {UserName}";
    }
}
