namespace WireScim.Provisioning
{
    /// <summary>What Sync-WireScimGroup did (or, under -WhatIf, would do) with one group.</summary>
    public enum GroupSyncAction
    {
        Created,
        /// <summary>A Wire group with the exact name and no other claim was taken over (first run, or a lost state file).</summary>
        Adopted,
        Updated,
        Unchanged,
        Removed,
        /// <summary>In the state file but no longer in the input; reported only (-MissingAction None).</summary>
        Missing,
        /// <summary>Missing, and held back by the deletion guard.</summary>
        Skipped,
        Failed,
        WouldCreate,
        WouldAdopt,
        WouldUpdate,
        WouldLeave,
        WouldRemove,
    }
}
