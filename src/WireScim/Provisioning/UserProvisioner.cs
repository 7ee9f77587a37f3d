using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Provisioning
{
    /// <summary>What happened to one user.</summary>
    internal enum ProvisioningOutcome
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
        /// <param name="richInfoLimit">The instance's rich-info limit, checked on the merged set an update sends.</param>
        public UserProvisioner(UserClient client, RetryPolicy policy, int richInfoLimit = UserValidator.RichInfoLimit)
        {
            _client = client;
            _policy = policy;
            RichInfoLimit = richInfoLimit;
        }

        public UserClient Client => _client;

        public int RichInfoLimit { get; }

        /// <summary>
        /// Refuses, before anything is sent, rich info that the user would end up with beyond the limit: Wire checks
        /// the merged set of a PUT or PATCH, not only the fields a row gives (docs/wire-behaviour.md, rich info).
        /// </summary>
        /// <exception cref="WireScimException"><c>WireScim.RichInfoTooLarge</c>.</exception>
        public void CheckMergedRichInfo(IDictionary? merged, string? id, string? userName)
        {
            if (merged == null) return;
            var size = UserValidator.RichInfoSize(merged);
            if (size <= RichInfoLimit) return;
            throw new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.RichInfoTooLarge, string.Format(CultureInfo.InvariantCulture,
                "User {0} ('{1}') would have {2} characters of rich info (field names and values, its {3} fields in Wire merged with those given); Wire allows at most {4}. Nothing was sent: shorten fields, or remove some by giving them an empty value.",
                id, SafeText.Show(userName), size, merged.Count, RichInfoLimit));
        }

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
        public async Task<ProvisioningResult> CreateAsync(UserValues desired, CancellationToken cancellationToken, bool reconcile = false)
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
                    if (reconcile && error.ErrorId == ErrorIds.UserNameTaken) throw;
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

        private static WireScimException ExternalIdConflict(UserValues desired, User found, WireScimException error) =>
            new WireScimException(WireScimErrorKind.Conflict, ErrorIds.ExternalIdConflict,
                $"Wire refused externalId '{desired.ExternalId}' and its look-up answered user {found.Id} ('{found.UserName}'), whose externalId is '{found.ExternalId}': not this row's (Wire's look-up also matches e-mail addresses, ignoring case). Neither user was changed; decide which person the row means and fix the input or that user.", error)
            { StatusCode = error.StatusCode, Detail = error.Detail };

        /// <summary>Wire ignores "active": false on POST (docs/wire-behaviour.md, services/spar/src/Spar/Scim/User.hs createValidScimUser): a user meant to be inactive is suspended right after.</summary>
        private async Task<User> SuspendIfAskedAsync(UserValues desired, User created, CancellationToken cancellationToken) =>
            desired.Active == false && created.Active
                ? await _client.SetActiveAsync(created.Id!, false, cancellationToken).ConfigureAwait(false)
                : created;

        private static bool IsUnknownOutcome(WireScimException error) =>
            error.Kind is WireScimErrorKind.OutcomeUnknown or WireScimErrorKind.Timeout
            || (error.Kind == WireScimErrorKind.ServerError && error.StatusCode is 500 or 502 or 504 && error.IsTransient);

        /// <summary>GET, merge the given attributes, PUT only when something differs.</summary>
        public async Task<ProvisioningResult> UpdateAsync(User current, UserValues patch, bool whatIf, CancellationToken cancellationToken)
        {
            var (merged, changes) = patch.ApplyTo(current);
            if (changes.Count == 0) return new ProvisioningResult(current, ProvisioningOutcome.Unchanged);
            if (patch.RichInfo != null) CheckMergedRichInfo(merged.RichInfo, current.Id, merged.UserName);
            if (whatIf) return new ProvisioningResult(merged, ProvisioningOutcome.Updated, changes);
            // The role is sent only when it changes: Wire keeps the role when a PUT has none, and a pending invitee
            // reads as 'member' although the invitation holds its real role, which sending 'member' would overwrite.
            var body = merged.Clone();
            if (!changes.Any(change => change.Attribute == UserField.Role)) body.Role = null;
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
