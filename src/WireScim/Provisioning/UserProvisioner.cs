using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>What happened to one user.</summary>
    public enum ProvisioningOutcome
    {
        Created,
        /// <summary>The user was already there with these attributes (an earlier attempt's answer was lost).</summary>
        AlreadyExisted,
        Updated,
        Unchanged,
    }

    internal sealed class ProvisioningResult
    {
        public ProvisioningResult(User user, ProvisioningOutcome outcome, IReadOnlyList<AttributeChange>? changes = null)
        {
            User = user;
            Outcome = outcome;
            Changes = changes ?? Array.Empty<AttributeChange>();
        }

        public User User { get; }
        public ProvisioningOutcome Outcome { get; }
        public IReadOnlyList<AttributeChange> Changes { get; }
    }

    /// <summary>The user operations with Wire's semantics handled: safe creates, merge-before-PUT updates.</summary>
    internal sealed class UserProvisioner
    {
        private readonly UserClient _client;
        private readonly RetryPolicy _policy;

        /// <param name="policy">Bounds the create rounds (look up, then POST again) like every other retry.</param>
        public UserProvisioner(UserClient client, RetryPolicy policy)
        {
            _client = client;
            _policy = policy;
        }

        public UserClient Client => _client;

        /// <summary>
        /// Creates the user. When the answer to a POST is lost (reset, timeout, 500/502/504) or Wire says 409,
        /// the user is looked up by externalId first: if it is there with the same attributes, that is the
        /// success of the earlier attempt, not a duplicate. Only when it is absent is the POST sent again.
        /// </summary>
        /// <param name="reconcile">
        /// Accept a user found with exactly this externalId whatever its other attributes (the caller updates them);
        /// a 409 on the handle is thrown without a look-up, and a look-up that answers a user with another externalId
        /// (Wire also matches e-mail addresses, ignoring case) is a <c>WireScim.ExternalIdConflict</c>.
        /// </param>
        public async Task<ProvisioningResult> CreateAsync(UserPatch desired, CancellationToken cancellationToken, bool reconcile = false)
        {
            var user = desired.ToNewUser();
            bool uncertain = false;
            for (int round = 1; ; round++)
            {
                try
                {
                    var created = await _client.CreateAsync(user, cancellationToken).ConfigureAwait(false);
                    return new ProvisioningResult(await SuspendIfAskedAsync(desired, created, cancellationToken).ConfigureAwait(false), ProvisioningOutcome.Created);
                }
                catch (WireScimException error) when (IsUnknownOutcome(error) || error.Kind == WireScimErrorKind.Conflict)
                {
                    // Wire checks the externalId before the handle: a taken handle means no user has this externalId.
                    if (reconcile && error.ErrorId == "WireScim.UserNameTaken") throw;
                    var existing = desired.ExternalId == null ? null
                        : await _client.FindByExternalIdAsync(desired.ExternalId, cancellationToken).ConfigureAwait(false);
                    var same = existing != null && (reconcile ? string.Equals(existing.ExternalId, desired.ExternalId, StringComparison.Ordinal) : desired.DescribesSameUser(existing));
                    if (same)
                        return new ProvisioningResult(existing!, uncertain || IsUnknownOutcome(error) ? ProvisioningOutcome.Created : ProvisioningOutcome.AlreadyExisted);
                    if (reconcile && existing != null && error.Kind == WireScimErrorKind.Conflict) throw ExternalIdConflict(desired, existing, error);
                    if (error.Kind == WireScimErrorKind.Conflict || round >= _policy.MaxAttempts) throw;
                    uncertain = true;
                    await Task.Delay(_policy.Backoff(round), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static WireScimException ExternalIdConflict(UserPatch desired, User found, WireScimException error) =>
            new WireScimException(WireScimErrorKind.Conflict, "WireScim.ExternalIdConflict",
                $"Wire refused externalId '{desired.ExternalId}' and its look-up answered user {found.Id} ('{found.UserName}'), whose externalId is '{found.ExternalId}': not this row's (Wire's look-up also matches e-mail addresses, ignoring case). Neither user was changed; decide which person the row means and fix the input or that user.", error)
            { StatusCode = error.StatusCode, Detail = error.Detail };

        /// <summary>Wire ignores "active": false on POST (docs/wire-behaviour.md, services/spar/src/Spar/Scim/User.hs createValidScimUser): a user meant to be inactive is suspended right after.</summary>
        private async Task<User> SuspendIfAskedAsync(UserPatch desired, User created, CancellationToken cancellationToken) =>
            desired.Active == false && created.Active
                ? await _client.SetActiveAsync(created.Id!, false, cancellationToken).ConfigureAwait(false)
                : created;

        private static bool IsUnknownOutcome(WireScimException error) =>
            error.Kind is WireScimErrorKind.OutcomeUnknown or WireScimErrorKind.Timeout
            || (error.Kind == WireScimErrorKind.ServerError && error.StatusCode is 500 or 502 or 504 && error.IsTransient);

        /// <summary>GET, merge the given attributes, PUT only when something differs.</summary>
        public async Task<ProvisioningResult> UpdateAsync(User current, UserPatch patch, bool whatIf, CancellationToken cancellationToken)
        {
            var (merged, changes) = patch.ApplyTo(current);
            if (changes.Count == 0) return new ProvisioningResult(current, ProvisioningOutcome.Unchanged);
            if (whatIf) return new ProvisioningResult(merged, ProvisioningOutcome.Updated, changes);
            // The role is sent only when it changes: Wire keeps the role when a PUT has none, and a pending invitee
            // reads as 'member' although the invitation holds its real role, which sending 'member' would overwrite.
            var body = merged.Clone();
            if (!changes.Any(change => change.Attribute == "Role")) body.Role = null;
            var updated = await _client.ReplaceAsync(current.Id!, body, cancellationToken).ConfigureAwait(false);
            return new ProvisioningResult(updated, ProvisioningOutcome.Updated, changes);
        }

        /// <summary>Finds a user by id, else handle, else externalId (first key given wins).</summary>
        public async Task<User?> FindAsync(string? id, string? userName, string? externalId, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(id)) return await _client.GetAsync(id!, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(userName)) return await _client.FindByUserNameAsync(userName!, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(externalId)) return await _client.FindByExternalIdAsync(externalId!, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }
}
