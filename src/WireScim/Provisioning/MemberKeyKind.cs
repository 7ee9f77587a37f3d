namespace WireScim.Provisioning
{
    /// <summary>How a group member is named in the input.</summary>
    internal enum MemberKeyKind
    {
        /// <summary>A Wire user id (also a WireScim.User object, which carries it).</summary>
        Id,
        /// <summary>A Wire handle (SamAccountName from AD).</summary>
        UserName,
        ExternalId,
    }
}
