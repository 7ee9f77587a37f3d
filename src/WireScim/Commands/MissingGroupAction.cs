namespace WireScim.Commands
{
    /// <summary>What Sync-WireScimGroup does with groups it made earlier that are no longer in the input.</summary>
    public enum MissingGroupAction
    {
        /// <summary>Report them only.</summary>
        None,
        /// <summary>Delete them from Wire (the members stay).</summary>
        Remove,
    }
}
