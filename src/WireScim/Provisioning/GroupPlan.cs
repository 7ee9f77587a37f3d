using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>The planner's decision for one desired group.</summary>
    internal sealed class GroupPlan
    {
        public GroupPlan(DesiredGroup desired, GroupPlanKind kind, string? wireId, IReadOnlyCollection<string> memberIds, string fingerprint)
        {
            Desired = desired;
            Kind = kind;
            WireId = wireId;
            MemberIds = memberIds;
            Fingerprint = fingerprint;
        }

        public DesiredGroup Desired { get; }
        public GroupPlanKind Kind { get; }
        public string? WireId { get; }

        /// <summary>The eligible member ids the group should have.</summary>
        public IReadOnlyCollection<string> MemberIds { get; }
        public string Fingerprint { get; }

        /// <summary>The group as the listing showed it, when a listing was read.</summary>
        public Group? Current { get; init; }

        /// <summary>The Wire ids of the groups named alike, for an ambiguous name.</summary>
        public IReadOnlyList<string> Candidates { get; init; } = System.Array.Empty<string>();

        /// <summary>The group of the last run is gone from Wire (deleted in Team Settings, say): it is made again.</summary>
        public bool Recreate { get; init; }
    }
}
