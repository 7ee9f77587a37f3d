namespace WireScim.Emulator.Groups;

/// <summary>What brig answers about a would-be group member.</summary>
internal enum MemberStanding
{
    /// <summary>An account of the team managed by SCIM (active or suspended).</summary>
    Eligible,
    /// <summary>An account brig returns that is not SCIM-managed (or in another team): spar lists it in a 400.</summary>
    NotScimManaged,
    /// <summary>No account brig returns: never existed, deleted, or a pending invitee.</summary>
    NoAccount,
}
