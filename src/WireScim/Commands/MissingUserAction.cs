namespace WireScim.Commands
{
    /// <summary>What to do with users this sync provisioned earlier that are no longer in the input.</summary>
    public enum MissingUserAction
    {
        /// <summary>Report them only.</summary>
        None,
        /// <summary>Set active to false (reversible).</summary>
        Disable,
        /// <summary>Delete them from Wire.</summary>
        Remove,
    }
}
