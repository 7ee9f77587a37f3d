using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Makes Wire match one desired user. A user the state file manages is known by its Wire id: an unchanged row
    /// costs nothing, a changed one one PATCH (the state remembers what was sent, so no GET). A row the state does
    /// not know is created first (one POST); only when Wire says its externalId is taken is it looked up, by that
    /// externalId, and the user holding exactly that externalId is reconciled. A taken handle is a conflict.
    /// </summary>
    internal sealed class UserSynchronizer
    {
        /// <summary>What -WhatIf says for a row it does not look up.</summary>
        public const string NotLookedUpNote =
            "Not looked up in Wire: a look-up can put a team member who is not managed by SCIM under SCIM management for good. The real run creates the user, or, if a user with this externalId exists, updates it.";

        private readonly UserProvisioner _provisioner;
        private readonly SyncState? _state;
        private readonly bool _full;
        private readonly bool _whatIf;

        public UserSynchronizer(UserProvisioner provisioner, SyncState? state, bool full, bool whatIf)
        {
            _provisioner = provisioner;
            _state = state;
            _full = full;
            _whatIf = whatIf;
        }

        private UserClient Client => _provisioner.Client;

        /// <param name="known">The managed user this row is (from <see cref="ManagedUserMatcher"/>), or null.</param>
        public Task<SyncResult> SyncAsync(UserValues desired, int row, SyncStateEntry? known, CancellationToken cancellationToken)
        {
            var result = new SyncResult { Row = row, UserName = desired.UserName, ExternalId = desired.ExternalId, Id = known?.Id };
            return known == null ? SyncNewAsync(desired, result, cancellationToken) : SyncKnownAsync(desired, known, result, cancellationToken);
        }

        private async Task<SyncResult> SyncNewAsync(UserValues desired, SyncResult result, CancellationToken cancellationToken)
        {
            if (_whatIf)
            {
                result.Action = SyncAction.WouldCreate;
                result.Note = NotLookedUpNote;
                return result;
            }
            return await CreateAsync(desired, null, result, cancellationToken).ConfigureAwait(false);
        }

        private async Task<SyncResult> CreateAsync(UserValues desired, SyncStateEntry? replaced, SyncResult result, CancellationToken cancellationToken)
        {
            ProvisioningResult created;
            try
            {
                created = await _provisioner.CreateAsync(desired, cancellationToken, reconcile: true).ConfigureAwait(false);
            }
            catch (WireScimException error) when (error.ErrorId == ErrorIds.UserNameTaken)
            {
                throw UserNameTaken(desired, error);
            }
            result.Id = created.User.Id;
            if (created.Outcome == ProvisioningOutcome.AlreadyExisted)
            {
                // Wire holds a user with exactly this externalId: the person the row names. Bring it to the row's values.
                var update = await UpdateAsync(created.User, desired, pending: false, cancellationToken).ConfigureAwait(false);
                result.ChangeList = update.Changes;
                Remember(replaced, desired, update.User, created: false);
                result.Action = SyncAction.Adopted;
                result.Note = "A user with this externalId was already in Wire (made outside this sync, or by a run whose record was lost); it is managed by this sync from now on.";
                return result;
            }
            Remember(replaced, desired, created.User, created: true);
            result.Action = SyncAction.Created;
            if (replaced != null) result.Note = $"The user this sync made earlier (id {replaced.Id}) is no longer in Wire: created again.";
            else if (LooksPending(desired, created.User)) result.Note = "Invitation e-mailed: the user shows as inactive in Wire until they accept it.";
            return result;
        }

        /// <summary>Active asked for, inactive answered: in invitation mode the user is a pending invitee.</summary>
        private static bool LooksPending(UserValues desired, User answer) => !answer.Active && desired.Active != false;

        private WireScimException UserNameTaken(UserValues desired, WireScimException error)
        {
            var holder = _state?.Entries.FirstOrDefault(entry => string.Equals(entry.UserName, desired.UserName, StringComparison.Ordinal));
            var who = holder != null
                ? $"Wire user {holder.Id} (externalId '{holder.ExternalId}'), which this sync manages"
                : "a user this sync does not manage (handles are unique across the whole Wire instance, so it may be in another team). It was not looked up: a look-up can put a team member who is not managed by SCIM under SCIM management for good";
            return new WireScimException(WireScimErrorKind.Conflict, ErrorIds.UserNameTaken,
                $"UserName '{desired.UserName}' is taken by {who}. Nothing was created and no user was taken over: give the row another UserName, or free the handle in Wire.", error)
            { StatusCode = error.StatusCode, Detail = error.Detail };
        }

        private async Task<SyncResult> SyncKnownAsync(UserValues desired, SyncStateEntry known, SyncResult result, CancellationToken cancellationToken)
        {
            // A user this sync disabled earlier and that is back in the input is enabled again.
            if (known.Disabled && desired.Active == null) desired.Active = true;
            if (!_full && known.Sent != null)
            {
                var changes = SyncDiff.Compare(desired, known.Sent);
                if (changes.Count == 0) return Unchanged(result);
                var operations = SyncDiff.ToPatch(changes);
                if (desired.RichInfo != null)
                    _provisioner.CheckMergedRichInfo(SyncDiff.Remember(desired, known.Sent).RichInfo, known.Id, desired.UserName ?? known.UserName);
                if (_whatIf) return Would(result, SyncAction.WouldUpdate, changes);
                if (operations != null)
                {
                    var patched = await Client.TryPatchAsync(known.Id, operations, cancellationToken).ConfigureAwait(false);
                    if (patched == null) return await CreateAsync(desired, known, result, cancellationToken).ConfigureAwait(false);
                    Remember(known, desired, patched, created: false);
                    result.Action = SyncAction.Updated;
                    result.ChangeList = changes;
                    return result;
                }
            }
            else if (!_full && !known.Disabled && known.Fingerprint != null && known.Fingerprint == Fingerprint(desired))
            {
                return Unchanged(result);
            }

            // -Full, a change Wire cannot PATCH, or a state entry from an earlier version: read the user (it is managed,
            // so reading it changes nothing in Wire) and compare with what Wire has.
            var current = await Client.GetAsync(known.Id, cancellationToken).ConfigureAwait(false);
            if (current == null)
            {
                if (!_whatIf) return await CreateAsync(desired, known, result, cancellationToken).ConfigureAwait(false);
                result.Action = SyncAction.WouldCreate;
                result.Note = $"The user this sync made earlier (id {known.Id}) is no longer in Wire.";
                return result;
            }
            var pending = known.Pending && !current.Active;
            if (_whatIf)
            {
                var planned = Changes(desired, current, pending);
                return planned.Count == 0 ? Would(result, SyncAction.WouldLeave, planned) : Would(result, SyncAction.WouldUpdate, planned);
            }
            var update = await UpdateAsync(current, desired, pending, cancellationToken).ConfigureAwait(false);
            Remember(known, desired, update.User, created: false);
            result.ChangeList = update.Changes;
            result.Action = update.Outcome == ProvisioningOutcome.Updated ? SyncAction.Updated : SyncAction.Unchanged;
            if (pending) result.Note = "Invitation not yet accepted: the user shows as inactive in Wire until then.";
            return result;
        }

        /// <summary>The changes <paramref name="desired"/> makes to <paramref name="current"/>; a pending invitee's inactive flag is not one.</summary>
        private static IReadOnlyList<AttributeChange> Changes(UserValues desired, User current, bool pending)
        {
            var changes = desired.ApplyTo(current).Changes;
            return pending ? changes.Where(change => change.Attribute != UserField.Active).ToList() : changes;
        }

        /// <summary>Sends what differs between <paramref name="current"/> and the row: one PATCH when it can, else the merged user with PUT.</summary>
        private async Task<ProvisioningResult> UpdateAsync(User current, UserValues desired, bool pending, CancellationToken cancellationToken)
        {
            var changes = Changes(desired, current, pending);
            if (changes.Count == 0) return new ProvisioningResult(current, ProvisioningOutcome.Unchanged);
            var operations = SyncDiff.ToPatch(changes);
            if (operations != null)
            {
                var patched = await Client.TryPatchAsync(current.Id!, operations, cancellationToken).ConfigureAwait(false)
                              ?? throw new WireScimException(WireScimErrorKind.NotFound, ErrorIds.NotFound, $"User {current.Id} was removed from Wire during the run; the next run creates it again.");
                return new ProvisioningResult(patched, ProvisioningOutcome.Updated, changes);
            }
            var update = await _provisioner.UpdateAsync(current, pending ? WithoutActive(desired) : desired, whatIf: false, cancellationToken).ConfigureAwait(false);
            return new ProvisioningResult(update.User, update.Outcome, changes);
        }

        private static UserValues WithoutActive(UserValues desired) => new UserValues
        {
            UserName = desired.UserName, DisplayName = desired.DisplayName, ExternalId = desired.ExternalId, Email = desired.Email,
            PreferredLanguage = desired.PreferredLanguage, Role = desired.Role, RichInfo = desired.RichInfo,
        };

        private static SyncResult Unchanged(SyncResult result)
        {
            result.Action = SyncAction.Unchanged;
            return result;
        }

        private static SyncResult Would(SyncResult result, SyncAction action, IReadOnlyList<AttributeChange> changes)
        {
            result.Action = action;
            result.ChangeList = changes;
            return result;
        }

        /// <summary>
        /// Disables or removes a managed user that is no longer in the input. The user is read first (it is managed,
        /// so reading changes nothing): one no longer in Wire is forgotten, never reported as disabled or removed.
        /// A pending invitee cannot be suspended in Wire; only a DELETE locks it out, so Disable removes it.
        /// </summary>
        public async Task<SyncResult> RetireAsync(SyncStateEntry entry, bool remove, CancellationToken cancellationToken)
        {
            var result = new SyncResult { UserName = entry.UserName, ExternalId = entry.ExternalId, Id = entry.Id };
            if (_whatIf)
            {
                result.Action = remove ? SyncAction.WouldRemove : SyncAction.WouldDisable;
                if (!remove && entry.Pending)
                    result.Note = "Pending invitee: Wire cannot suspend it, so the real run deletes it (the only way to lock it out through SCIM).";
                return result;
            }
            var current = await Client.GetAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            if (current == null)
            {
                Forget(entry);
                result.Action = SyncAction.Gone;
                result.Note = "No longer in Wire (removed elsewhere, or its invitation expired): nothing to do; forgotten by the state file.";
                return result;
            }
            var pending = entry.Pending && !current.Active;
            if (remove || pending)
            {
                await Client.DeleteAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                Forget(entry);
                result.Action = SyncAction.Removed;
                if (pending)
                    result.Note = (remove ? string.Empty : "Pending invitee: Wire cannot suspend an invitation, so it was deleted, the only way to lock it out through SCIM. ")
                                  + "Not confirmed: whether the e-mailed invitation link stops working at once; to be sure, revoke the invitation in Team Settings.";
                return result;
            }
            if (current.Active)
                current = await Client.SetActiveAsync(entry.Id, false, cancellationToken).ConfigureAwait(false);
            else
                result.Note = "Was already inactive in Wire (suspended elsewhere, or an invitation not accepted; to remove an invitee use -MissingAction Remove).";
            var sent = entry.Sent ?? new SentValues { UserName = entry.UserName, ExternalId = entry.ExternalId };
            _state?.Record(new SyncStateEntry
            {
                Id = entry.Id, ExternalId = entry.ExternalId, FormerExternalIds = entry.FormerExternalIds, UserName = entry.UserName,
                Sent = new SentValues
                {
                    UserName = sent.UserName, DisplayName = sent.DisplayName, ExternalId = sent.ExternalId, Email = sent.Email,
                    PreferredLanguage = sent.PreferredLanguage, Role = sent.Role, Active = false, RichInfo = sent.RichInfo,
                },
                Fingerprint = entry.Fingerprint, Disabled = true,
            });
            result.Action = SyncAction.Disabled;
            return result;
        }

        private void Forget(SyncStateEntry entry) =>
            _state?.Record(new SyncStateEntry { Id = entry.Id, ExternalId = entry.ExternalId, UserName = entry.UserName, Removed = true });

        /// <summary>Records the user under its Wire id with the values sent; an externalId it had before is kept as a former one.</summary>
        /// <param name="created">Just created: an inactive answer means a pending invitee. Later it stays pending until seen active.</param>
        private void Remember(SyncStateEntry? known, UserValues desired, User answer, bool created)
        {
            if (_state == null) return;
            var externalId = desired.ExternalId ?? answer.ExternalId ?? known?.ExternalId ?? string.Empty;
            List<string>? formers = null;
            if (known != null)
            {
                formers = known.AllExternalIds().Where(id => !string.Equals(id, externalId, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                if (formers.Count == 0) formers = null;
            }
            _state.Record(new SyncStateEntry
            {
                Id = answer.Id!, ExternalId = externalId, FormerExternalIds = formers, UserName = answer.UserName ?? desired.UserName,
                Sent = SyncDiff.Remember(desired, known?.Sent),
                Pending = created ? LooksPending(desired, answer) : known?.Pending == true && !answer.Active,
            }, known?.Id);
        }

        /// <summary>A hash of the desired attributes, as state files of earlier versions kept it.</summary>
        public static string Fingerprint(UserValues user)
        {
            var text = new StringBuilder();
            foreach (var value in new[] { user.UserName, user.DisplayName, user.ExternalId, user.Email, user.PreferredLanguage, user.Role, user.Active?.ToString() })
                text.Append(value ?? "\u0000").Append('\u001f');
            if (user.RichInfo != null)
                foreach (var field in user.RichInfo.Cast<DictionaryEntry>().OrderBy(f => (string)f.Key, StringComparer.OrdinalIgnoreCase))
                    text.Append(field.Key).Append('=').Append(field.Value).Append('\u001f');
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }
}
