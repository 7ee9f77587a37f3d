using WireScim.Provisioning;

namespace WireScim
{
    /// <summary>
    /// What Sync-WireScimGroup did for one group. Every property is a plain value, so Export-Csv writes a readable
    /// report: member lists are "a; b; c" text.
    /// </summary>
    public sealed class GroupSyncResult
    {
        public GroupSyncAction Action { get; set; }
        public string? DisplayName { get; set; }

        /// <summary>The source group's key: the AD objectGUID, or the group name.</summary>
        public string? SourceId { get; set; }
        public string? Id { get; set; }

        /// <summary>Members the group has after the run (or would have, under -WhatIf).</summary>
        public int MemberCount { get; set; }
        public int AddedCount { get; set; }
        public int RemovedCount { get; set; }

        /// <summary>Handles (or ids) of the members added, "; "-separated.</summary>
        public string Added { get; set; } = string.Empty;
        public string Removed { get; set; } = string.Empty;

        /// <summary>Members left out and why, "; "-separated: pending invitees, unknown users, users not managed by SCIM.</summary>
        public string Refused { get; set; } = string.Empty;
        public string? Error { get; set; }
        public string? ErrorId { get; set; }

        public override string ToString() => $"{Action} {DisplayName}";
    }
}
