using WireScim.Emulator.Store;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Groups;

/// <summary>Brig's view of the team's accounts as group membership needs it.</summary>
internal sealed class MemberDirectory(EmulatorStore users)
{
    public MemberStanding Classify(Guid userId)
    {
        if (users.Get(userId) is { } user)
            return user.Status == UserStatus.PendingInvitation ? MemberStanding.NoAccount : MemberStanding.Eligible;
        return users.GetTeamMember(userId) switch
        {
            null or { Pending: true } => MemberStanding.NoAccount,
            // A look-up that flipped managed_by but then failed with a 409 still left a SCIM-managed account.
            { ManagedByScim: true } => MemberStanding.Eligible,
            _ => MemberStanding.NotScimManaged,
        };
    }

    /// <summary>False once the account is gone: brig removes deleted users from every group.</summary>
    public bool Exists(Guid userId) => users.Get(userId) is not null || users.GetTeamMember(userId) is { Pending: false };
}
