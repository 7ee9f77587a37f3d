using WireScim.Emulator.Store;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Groups;

/// <summary>Brig's view of the team's users as group membership needs it.</summary>
internal sealed class MemberDirectory(EmulatorStore users)
{
    public MemberStanding Classify(Guid userId)
    {
        var user = users.Get(userId);
        if (user is null || user.Status == UserStatus.PendingInvitation) return MemberStanding.NoAccount;
        return MemberStanding.Eligible;
    }

    /// <summary>False once the user is deleted: brig removes deleted users from every group.</summary>
    public bool Exists(Guid userId) => users.Get(userId) is not null;
}
