using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>The state file's snapshot as stored: its format, the instance it belongs to, and the users.</summary>
    internal sealed class SyncStateSnapshot
    {
        public int Format { get; set; }

        /// <summary>The SCIM base (https://host/scim/v2) of the instance whose users these are.</summary>
        public string? Instance { get; set; }

        public List<SyncStateEntry>? Users { get; set; }
    }
}
