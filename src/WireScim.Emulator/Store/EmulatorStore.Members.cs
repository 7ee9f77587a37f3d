using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Store;

/// <summary>
/// Team members SCIM did not create, and how a SCIM look-up takes them over (spar's getUserById and
/// synthesizeStoredUser in services/spar/src/Spar/Scim/User.hs; docs/wire-behaviour.md#look-ups-change-wire).
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly Dictionary<Guid, TeamMember> members = new();

    /// <summary>Raised, under the lock, each time a look-up turns brig's managed_by from wire to scim.</summary>
    public event Action? ManagedByScimFlipped;

    public IReadOnlyList<TeamMember> TeamMembers()
    {
        lock (gate) return members.Values.OrderBy(m => m.Joined).ThenBy(m => m.Id).ToList();
    }

    /// <summary>A member not (yet) turned into a SCIM user; null for SCIM users and unknown ids.</summary>
    public TeamMember? GetTeamMember(Guid id)
    {
        lock (gate) return members.GetValueOrDefault(id);
    }

    /// <summary>Seeds a member (Team Settings or the owner). Throws <see cref="ArgumentException"/> when handle or e-mail is taken.</summary>
    public TeamMember AddTeamMember(TeamMember member)
    {
        lock (gate)
        {
            if (!member.Pending && member.Handle is { } handle && idByUserName.ContainsKey(handle))
                throw new ArgumentException($"The handle '{handle}' is already taken.");
            if (!member.Pending && member.Email is { } email && EmailOfAccountLocked(email))
                throw new ArgumentException($"The e-mail '{email}' already belongs to an account.");
            PutMember(member);
        }
        OnChanged();
        return member;
    }

    /// <summary>spar's GET /Users/{id}: a SCIM user, or a reachable Team-Settings member, who is adopted on the way.</summary>
    public StoredUser? LookUp(Guid id, bool samlMode)
    {
        lock (gate) return users.GetValueOrDefault(id) ?? AdoptLocked(id, samlMode);
    }

    /// <summary>What the invitee of a Team-Settings invitation does by registering: they become a member.</summary>
    public TeamMember? AcceptTeamInvitation(Guid id)
    {
        TeamMember accepted;
        lock (gate)
        {
            if (!members.TryGetValue(id, out var member)) return null;
            if (!member.Pending) return member;
            if (member.Handle is { } handle && idByUserName.ContainsKey(handle))
                throw new ArgumentException($"The handle '{handle}' is already taken.");
            accepted = member with { Pending = false, Joined = UserRepresentation.Now() };
            PutMember(accepted);
        }
        OnChanged();
        return accepted;
    }

    /// <summary>
    /// The takeover, in spar's order: handle (the user id when there is none), SCIM timestamps and managed_by=scim are
    /// written first; then the externalId derived from the e-mail must be free in the team, otherwise 409 with the
    /// first step kept; then spar records the externalId and the member is a SCIM user. Null when SCIM cannot see
    /// the member: an open invitation (no account yet) or a member without e-mail (no SSO id either). With a token bound
    /// to an IdP the member also gets a SAML identity whose NameID is the e-mail.
    /// </summary>
    private StoredUser? AdoptLocked(Guid id, bool samlMode)
    {
        if (!members.TryGetValue(id, out var member) || member.Pending || member.Email is not { } email) return null;

        if (!member.ManagedByScim || member.Handle is null || member.ScimCreated is null)
        {
            var flipped = member with
            {
                Handle = member.Handle ?? member.Id.ToString(),
                ManagedByScim = true,
                ScimCreated = member.ScimCreated ?? UserRepresentation.Now(),
            };
            PutMember(flipped);
            if (!member.ManagedByScim) ManagedByScimFlipped?.Invoke();
            OnChanged();
            member = flipped;
        }

        if (ExternalIdHeldByOtherLocked(email, id, samlMode))
            throw ScimError.Uniqueness("externalId already in use by another Wire user");

        var created = member.ScimCreated!.Value;
        var adopted = new StoredUser
        {
            Id = member.Id,
            UserName = member.Handle!,
            ExternalId = email,
            DisplayName = member.DisplayName,
            Language = Languages.ServerDefault,
            Status = UserStatus.Active,
            Email = email,
            Role = member.Role,
            RichInfo = RichInfo.Empty,
            Created = created,
            LastModified = created,
            Saml = samlMode,
        }.Stamped(created);
        members.Remove(id);
        Put(adopted);
        OnChanged();
        return adopted;
    }

    private bool RemoveAcceptedMemberLocked(Guid id)
    {
        if (!members.TryGetValue(id, out var member) || member.Pending) return false;
        members.Remove(id);
        if (member.Handle is { } handle) idByUserName.Remove(handle);
        return true;
    }


    private void PutMember(TeamMember member)
    {
        members[member.Id] = member;
        if (!member.Pending && member.Handle is { } handle) idByUserName[handle] = member.Id;
    }
}
