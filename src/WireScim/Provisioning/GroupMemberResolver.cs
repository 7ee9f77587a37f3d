using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Turns member references into Wire user ids and checks, before any group request, that Wire will take them:
    /// Wire answers a group POST with 500 (PUT with 404) for a missing user or a pending invitee, and takes only
    /// SCIM-managed users. Each distinct member is looked up once per run, however many groups name it.
    /// </summary>
    internal sealed class GroupMemberResolver
    {
        private readonly UserClient _users;
        private readonly TeamMode _mode;
        private readonly bool _whatIf;
        private readonly IReadOnlyDictionary<string, string>? _knownIds;
        private readonly bool _forRemoval;
        private readonly ConcurrentDictionary<string, Lazy<Task<MemberResolution>>> _cache =
            new ConcurrentDictionary<string, Lazy<Task<MemberResolution>>>(StringComparer.Ordinal);
        private int _lookups;

        /// <param name="knownIds">CacheKey -> Wire id of members resolved in an earlier run (SCIM-managed then): used without a look-up.</param>
        /// <param name="whatIf">Look nothing up: a look-up puts a Team Settings member under SCIM for good.</param>
        /// <param name="forRemoval">Members to take out: ids need no look-up and Wire's rules for new members do not apply.</param>
        public GroupMemberResolver(UserClient users, TeamMode mode, bool whatIf, IReadOnlyDictionary<string, string>? knownIds = null, bool forRemoval = false)
        {
            _forRemoval = forRemoval;
            _users = users;
            _mode = mode;
            _whatIf = whatIf;
            _knownIds = knownIds;
        }

        /// <summary>User look-ups sent so far.</summary>
        public int Lookups => Volatile.Read(ref _lookups);

        /// <summary>CacheKey -> id of every member resolved as eligible, for the next run.</summary>
        public IDictionary<string, string> Resolved()
        {
            var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in _cache)
                if (entry.Value.IsValueCreated && entry.Value.Value.Status == TaskStatus.RanToCompletion && entry.Value.Value.Result.IsEligible)
                    resolved[entry.Key] = entry.Value.Value.Result.Id!;
            return resolved;
        }

        /// <summary>Resolves every reference with at most <paramref name="parallel"/> look-ups in flight; results in input order.</summary>
        public async Task<MemberResolution[]> ResolveAllAsync(IReadOnlyList<MemberReference> references, int parallel, CancellationToken cancellationToken)
        {
            using var slots = new SemaphoreSlim(Math.Max(1, parallel));
            var tasks = new Task<MemberResolution>[references.Count];
            for (int i = 0; i < references.Count; i++)
            {
                var reference = references[i];
                tasks[i] = Task.Run(async () =>
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try { return await ResolveAsync(reference, cancellationToken).ConfigureAwait(false); }
                    // A look-up that failed leaves that member out; errors after which nothing can succeed end the run.
                    catch (WireScimException error) when (error.Kind is not (WireScimErrorKind.TokenRejected or WireScimErrorKind.Redirect or WireScimErrorKind.NotSupported or WireScimErrorKind.Canceled))
                    {
                        return MemberResolution.Refused(reference, error.WithMessage($"The member {reference} could not be looked up: {error.Message}"));
                    }
                    finally { slots.Release(); }
                }, cancellationToken);
            }
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        public Task<MemberResolution> ResolveAsync(MemberReference reference, CancellationToken cancellationToken) =>
            _cache.GetOrAdd(reference.CacheKey, _ => new Lazy<Task<MemberResolution>>(() => LookUpAsync(reference, cancellationToken))).Value;

        private async Task<MemberResolution> LookUpAsync(MemberReference reference, CancellationToken cancellationToken)
        {
            if (reference.Known != null) return _forRemoval ? MemberResolution.Eligible(reference, reference.Known.Id!, reference.Known.UserName) : Check(reference, reference.Known, lookedUpSince: null);
            if (_forRemoval && reference.Kind == MemberKeyKind.Id) return MemberResolution.Eligible(reference, reference.Value, null);
            if (_knownIds != null && _knownIds.TryGetValue(reference.CacheKey, out var knownId))
                return MemberResolution.Remembered(reference, knownId, reference.Kind == MemberKeyKind.UserName ? reference.Value : null);
            if (_whatIf) return MemberResolution.NotLookedUp(reference);
            var started = WholeMilliseconds(DateTime.UtcNow);
            Interlocked.Increment(ref _lookups);
            var user = reference.Kind switch
            {
                MemberKeyKind.UserName => await _users.FindByUserNameAsync(reference.Value, cancellationToken).ConfigureAwait(false),
                MemberKeyKind.ExternalId => await _users.FindByExternalIdAsync(reference.Value, cancellationToken).ConfigureAwait(false),
                _ => await _users.GetAsync(reference.Value, cancellationToken).ConfigureAwait(false),
            };
            if (user == null)
                return MemberResolution.Refused(reference, new WireScimException(WireScimErrorKind.NotFound, ErrorIds.MemberNotFound,
                    $"No Wire user with {reference} in this team{(reference.Kind == MemberKeyKind.UserName ? " (handles are compared in lowercase)" : string.Empty)}: it cannot be a group member. Create the user first (New-WireScimUser or Sync-WireScimUser)."));
            return _forRemoval ? MemberResolution.Eligible(reference, user.Id!, user.UserName) : Check(reference, user, started);
        }

        /// <summary>The eligibility rules Wire applies to group members, on what SCIM shows of the user.</summary>
        internal MemberResolution Check(MemberReference reference, User user, DateTime? lookedUpSince)
        {
            if (string.IsNullOrEmpty(user.Id))
                return MemberResolution.Refused(reference, new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.MemberNotFound,
                    $"The member {reference} has no Wire id; pipe users from Get-WireScimUser or name them by -UserName, -ExternalId or id."));
            // A SCIM look-up that reaches a Team Settings member (owner, admin, invited member) puts it under SCIM at
            // that moment: its SCIM record is then created at the time of the look-up, and never modified since.
            if (lookedUpSince != null && user.Created != null && user.Created == user.LastModified && user.Created.Value >= lookedUpSince.Value)
                return MemberResolution.Refused(reference, new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.MemberNotScimManaged,
                    $"The member {reference} was not managed by SCIM (a member made in Team Settings, such as the owner or an admin). Wire takes only SCIM-managed users as group members, "
                    + "and this look-up has just put the user under SCIM, as every Wire SCIM look-up does; that cannot be undone. It is not added this time: run the command again if the user belongs in the group."), user.Id);
            if (!user.Active && _mode != TeamMode.SingleSignOn)
                return MemberResolution.Refused(reference, new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.MemberPending,
                    $"The member {reference} is inactive: a pending invitee who has not accepted the Wire invitation yet, or a suspended user (SCIM shows both as active false). "
                    + "Wire refuses pending invitees as group members and fails the whole request, so it is left out. Add it again once the invitation is accepted."), user.Id);
            return MemberResolution.Eligible(reference, user.Id!, user.UserName);
        }

        private static DateTime WholeMilliseconds(DateTime time) => new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
