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
    /// <summary>Makes Wire match one desired user: create, adopt, update what differs, or leave alone.</summary>
    internal sealed class UserSynchronizer
    {
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

        public async Task<SyncResult> SyncAsync(UserPatch desired, int row, CancellationToken cancellationToken)
        {
            var fingerprint = Fingerprint(desired);
            var known = _state?.Find(desired.ExternalId!);
            var result = new SyncResult { Row = row, UserName = desired.UserName, ExternalId = desired.ExternalId, Id = known?.Id };
            if (known != null && !_full && !known.Disabled && known.Fingerprint == fingerprint)
            {
                result.Action = "Unchanged";
                return result;
            }

            // A user this sync disabled earlier and that is back in the input is enabled again.
            if (known != null && known.Disabled && desired.Active == null) desired.Active = true;
            var current = known != null ? await _provisioner.Client.GetAsync(known.Id, cancellationToken).ConfigureAwait(false) : null;
            current ??= await _provisioner.Client.FindByExternalIdAsync(desired.ExternalId!, cancellationToken).ConfigureAwait(false);
            current ??= await _provisioner.Client.FindByUserNameAsync(desired.UserName!, cancellationToken).ConfigureAwait(false);

            if (current == null)
            {
                if (_whatIf)
                {
                    result.Action = "WouldCreate";
                    return result;
                }
                var created = await _provisioner.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
                result.Action = "Created";
                result.Id = created.User.Id;
                Remember(desired, created.User, fingerprint);
                return result;
            }

            var update = await _provisioner.UpdateAsync(current, desired, _whatIf, cancellationToken).ConfigureAwait(false);
            result.Id = current.Id;
            result.ChangeList = update.Changes;
            var adopted = known == null || known.Id != current.Id;
            result.Action = (adopted ? "Adopted" : update.Outcome == ProvisioningOutcome.Updated ? "Updated" : "Unchanged");
            if (_whatIf) result.Action = "Would" + (result.Action == "Unchanged" ? "Leave" : result.Action == "Adopted" ? "Adopt" : "Update");
            else Remember(desired, update.User, fingerprint);
            return result;
        }

        /// <summary>Disables or removes a user that is in the state file but no longer in the input.</summary>
        public async Task<SyncResult> RetireAsync(SyncStateEntry entry, bool remove, CancellationToken cancellationToken)
        {
            var result = new SyncResult { UserName = entry.UserName, ExternalId = entry.ExternalId, Id = entry.Id };
            if (_whatIf)
            {
                result.Action = remove ? "WouldRemove" : "WouldDisable";
                return result;
            }
            if (remove)
            {
                await _provisioner.Client.DeleteAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                _state?.Record(new SyncStateEntry { ExternalId = entry.ExternalId, Id = entry.Id, UserName = entry.UserName, Removed = true });
                result.Action = "Removed";
            }
            else
            {
                var current = await _provisioner.Client.GetAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                if (current != null && current.Active)
                    await _provisioner.Client.SetActiveAsync(entry.Id, false, cancellationToken).ConfigureAwait(false);
                _state?.Record(new SyncStateEntry { ExternalId = entry.ExternalId, Id = entry.Id, UserName = entry.UserName, Fingerprint = entry.Fingerprint, Disabled = true });
                result.Action = "Disabled";
            }
            return result;
        }

        private void Remember(UserPatch desired, User user, string fingerprint) =>
            _state?.Record(new SyncStateEntry { ExternalId = desired.ExternalId!, Id = user.Id!, UserName = user.UserName, Fingerprint = fingerprint });

        /// <summary>A hash of the desired attributes: equal fingerprints mean nothing to send.</summary>
        public static string Fingerprint(UserPatch user)
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
