using WireScim.Emulator.Http;
using WireScim.Emulator.Tokens;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Store;

/// <summary>
/// The team's users and SCIM tokens. Every operation takes one lock, so a request sees and leaves a consistent state;
/// checks that must not race (uniqueness, the token limit) happen inside it.
/// </summary>
internal sealed partial class EmulatorStore
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, StoredUser> users = new();
    private readonly Dictionary<string, Guid> idByUserName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> idByExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScimTokenRecord> tokensByHash = new(StringComparer.Ordinal);

    public EmulatorStore(Guid teamId) => TeamId = teamId;

    public Guid TeamId { get; }

    /// <summary>Raised after every change; outside the lock, except for adoptions (handlers must not wait for the store).</summary>
    public event Action? Changed;

    public StoredUser? Get(Guid id)
    {
        lock (gate) return users.GetValueOrDefault(id);
    }

    public IReadOnlyList<StoredUser> AllUsers()
    {
        lock (gate) return users.Values.OrderBy(u => u.Created).ThenBy(u => u.Id).ToList();
    }

    /// <summary>spar's userName filter: the handle is global; a Team-Settings member found this way is adopted.</summary>
    public StoredUser? FindByUserName(string userName, bool samlMode)
    {
        lock (gate)
        {
            if (!idByUserName.TryGetValue(userName, out var id)) return null;
            return users.GetValueOrDefault(id) ?? AdoptLocked(id, samlMode);
        }
    }

    /// <summary>
    /// spar's externalId filter: spar's own externalId record first (exact text), then, for an e-mail-shaped value,
    /// brig's account with that e-mail. Brig finds the account by a normalised key but spar keeps it only when its
    /// e-mail equals the value byte for byte, so the fallback is case-sensitive too. With a token bound to an IdP, last,
    /// the SAML NameID, which spar compares case-folded (normalizeUnqualifiedNameId in services/spar/src/Spar/Data.hs).
    /// </summary>
    public StoredUser? FindByExternalId(string externalId, bool samlMode)
    {
        lock (gate)
        {
            if (idByExternalId.TryGetValue(externalId, out var id)) return users[id];
            if (UserParser.IsEmail(externalId))
            {
                var byEmail = users.Values.FirstOrDefault(u => string.Equals(u.Email, externalId, StringComparison.Ordinal));
                if (byEmail is not null) return byEmail;
                var member = members.Values.FirstOrDefault(m => !m.Pending && string.Equals(m.Email, externalId, StringComparison.Ordinal));
                if (member is not null) return AdoptLocked(member.Id, samlMode);
            }
            return samlMode ? FindBySamlNameIdLocked(externalId) : null;
        }
    }

    /// <summary>
    /// spar's createValidScimUser: the externalId checks, then the handle (taken, or blocked by brig), then, in
    /// invitation mode, brig's refusal of an e-mail another account has.
    /// </summary>
    public StoredUser Create(ValidUser valid, bool samlMode, Accounts accounts)
    {
        StoredUser created;
        lock (gate)
        {
            if (idByExternalId.TryGetValue(valid.ExternalId, out var holder)) throw ExternalIdTaken(users[holder], valid, samlMode);
            if (samlMode && FindBySamlNameIdLocked(valid.ExternalId) is not null) throw ScimError.Uniqueness("externalId is already taken");
            if (idByUserName.ContainsKey(valid.UserName)) throw ScimError.Uniqueness("userName is already taken");
            if (HandleBlocklist.Contains(valid.UserName)) throw ScimError.BlockedHandle();
            if (!samlMode && valid.Email is { } email && (EmailOfAccountLocked(email) || accounts.FindByEmail(email) is not null))
                throw ScimError.EmailExists();
            var now = UserRepresentation.Now();
            // A requested active:false is not applied on create: the new user is Active (SAML) or pending (invitation).
            created = new StoredUser
            {
                Id = Guid.NewGuid(),
                UserName = valid.UserName,
                ExternalId = valid.ExternalId,
                DisplayName = valid.DisplayName,
                Language = valid.Language ?? Languages.ServerDefault,
                Status = samlMode ? UserStatus.Active : UserStatus.PendingInvitation,
                Email = valid.Email,
                Role = valid.Role ?? "member",
                RichInfo = valid.RichInfo,
                Created = now,
                LastModified = now,
                Saml = samlMode,
            }.Stamped(now);
            Put(created);
        }
        OnChanged();
        return created;
    }

    /// <summary>PUT: full replace with Wire's resets; a no-op keeps version and lastModified.</summary>
    public StoredUser Replace(Guid id, ValidUser valid, bool samlMode) => Update(id, _ => valid, samlMode);

    /// <summary>PATCH: reads, applies, and replaces under one lock, so concurrent patches do not lose updates.</summary>
    public StoredUser Update(Guid id, Func<StoredUser, ValidUser> change, bool samlMode)
    {
        StoredUser updated;
        lock (gate)
        {
            var existing = users.GetValueOrDefault(id) ?? AdoptLocked(id, samlMode) ?? throw ScimError.UserNotFound(id);
            var valid = change(existing);
            if (ExternalIdHeldByOtherLocked(valid.ExternalId, id, samlMode))
                throw ScimError.Uniqueness("externalId already in use by another Wire user");
            if (valid.UserName != existing.UserName)
            {
                // spar asks brig about the handle only when it changes (assertHandleNotUsedElsewhere).
                if (idByUserName.ContainsKey(valid.UserName)) throw ScimError.Uniqueness("userName already in use by another wire user");
                if (HandleBlocklist.Contains(valid.UserName)) throw ScimError.BlockedHandle();
            }

            var status = existing.Status == UserStatus.PendingInvitation
                ? UserStatus.PendingInvitation
                : valid.Active ?? true ? UserStatus.Active : UserStatus.Suspended;
            var candidate = existing with
            {
                UserName = valid.UserName,
                ExternalId = valid.ExternalId,
                DisplayName = valid.DisplayName,
                Language = valid.Language ?? Languages.ServerDefault,
                Status = status,
                Email = valid.Email,
                Role = valid.Role ?? existing.Role,
                RichInfo = valid.RichInfo,
                Saml = samlMode,
            };
            if (candidate.SameContentAs(existing)) return existing;
            updated = candidate.Stamped(UserRepresentation.Now());
            Remove(existing);
            Put(updated);
        }
        OnChanged();
        return updated;
    }

    /// <summary>spar deletes any account of the team, managed by SCIM or not; an open invitation is no account.</summary>
    public bool Delete(Guid id)
    {
        lock (gate)
        {
            if (users.TryGetValue(id, out var existing)) Remove(existing);
            else if (!RemoveAcceptedMemberLocked(id)) return false;
        }
        OnChanged();
        return true;
    }

    /// <summary>What a registering invitee does: the pending user becomes Active with the invited role.</summary>
    public StoredUser? AcceptInvitation(Guid id)
    {
        StoredUser accepted;
        lock (gate)
        {
            if (!users.TryGetValue(id, out var existing)) return null;
            if (existing.Status != UserStatus.PendingInvitation) return existing;
            accepted = (existing with { Status = UserStatus.Active }).Stamped(UserRepresentation.Now());
            users[id] = accepted;
        }
        OnChanged();
        return accepted;
    }

    /// <summary>What brig does when an invitation times out: the pending user is deleted. False if not pending.</summary>
    public bool ExpireInvitation(Guid id)
    {
        lock (gate)
        {
            if (!users.TryGetValue(id, out var existing) || existing.Status != UserStatus.PendingInvitation) return false;
            Remove(existing);
        }
        OnChanged();
        return true;
    }

    public ScimTokenRecord? FindToken(string secret)
    {
        var hash = ScimTokenRecord.HashOf(secret);
        lock (gate) return tokensByHash.GetValueOrDefault(hash);
    }

    public IReadOnlyList<ScimTokenRecord> Tokens()
    {
        lock (gate) return tokensByHash.Values.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToList();
    }

    /// <summary>Adds the token unless the team already has <paramref name="limit"/> tokens.</summary>
    public bool TryAddToken(ScimTokenRecord token, int limit)
    {
        lock (gate)
        {
            if (tokensByHash.Count >= limit) return false;
            tokensByHash[token.Hash] = token;
        }
        OnChanged();
        return true;
    }

    /// <summary>Seeds a token with a known secret (no limit check; kept if already present).</summary>
    public void SeedToken(ScimTokenRecord token)
    {
        lock (gate) tokensByHash.TryAdd(token.Hash, token);
    }

    public void DeleteToken(Guid id)
    {
        bool removed;
        lock (gate)
        {
            var hash = tokensByHash.Values.FirstOrDefault(t => t.Id == id)?.Hash;
            removed = hash is not null && tokensByHash.Remove(hash);
        }
        if (removed) OnChanged();
    }

    public bool RenameToken(Guid id, string name)
    {
        lock (gate)
        {
            var token = tokensByHash.Values.FirstOrDefault(t => t.Id == id);
            if (token is null) return false;
            tokensByHash[token.Hash] = token with { Name = name };
        }
        OnChanged();
        return true;
    }

    /// <summary>Replaces the whole state (loading the data file at start).</summary>
    public void Load(IEnumerable<StoredUser> storedUsers, IEnumerable<TeamMember> teamMembers, IEnumerable<ScimTokenRecord> tokens)
    {
        lock (gate)
        {
            users.Clear();
            members.Clear();
            idByUserName.Clear();
            idByExternalId.Clear();
            tokensByHash.Clear();
            foreach (var user in storedUsers) Put(user);
            foreach (var member in teamMembers) PutMember(member);
            foreach (var token in tokens) tokensByHash[token.Hash] = token;
        }
    }

    private void Put(StoredUser user)
    {
        users[user.Id] = user;
        idByUserName[user.UserName] = user.Id;
        idByExternalId[user.ExternalId] = user.Id;
    }

    private void Remove(StoredUser user)
    {
        users.Remove(user.Id);
        idByUserName.Remove(user.UserName);
        idByExternalId.Remove(user.ExternalId);
    }

    private void OnChanged() => Changed?.Invoke();
}
