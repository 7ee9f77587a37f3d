namespace WireScim
{
    /// <summary>What Sync-WireScimUser did for one row or missing user; the Would* values are what -WhatIf would do.</summary>
    public enum SyncAction
    {
        Created,
        Updated,
        Unchanged,
        Adopted,
        Disabled,
        Removed,
        Failed,
        /// <summary>Held back by the deletion guard.</summary>
        Skipped,
        /// <summary>Provisioned earlier, not in the input, and -MissingAction None.</summary>
        Missing,
        /// <summary>Provisioned earlier, no longer in Wire (removed elsewhere, or of another instance).</summary>
        Gone,
        WouldCreate,
        WouldUpdate,
        WouldAdopt,
        WouldLeave,
        WouldDisable,
        WouldRemove,
    }
}
