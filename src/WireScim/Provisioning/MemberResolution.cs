using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>A member reference resolved: the Wire id it may be added as, or why it may not be a member.</summary>
    internal sealed class MemberResolution
    {
        private MemberResolution(MemberReference reference, string? id, string? userName, WireScimException? problem)
        {
            Reference = reference;
            Id = id;
            UserName = userName;
            Problem = problem;
        }

        public static MemberResolution Eligible(MemberReference reference, string id, string? userName) => new MemberResolution(reference, id, userName, null);

        /// <summary>Taken from an earlier run's state without a look-up: the user may have been deleted since.</summary>
        public static MemberResolution Remembered(MemberReference reference, string id, string? userName) => new MemberResolution(reference, id, userName, null) { FromState = true };
        public static MemberResolution Refused(MemberReference reference, WireScimException problem, string? id = null) => new MemberResolution(reference, id, null, problem);

        /// <summary>Under -WhatIf: a member that would be looked up (the look-up itself can change Wire, so it is not made).</summary>
        public static MemberResolution NotLookedUp(MemberReference reference) => new MemberResolution(reference, null, null, null);

        public MemberReference Reference { get; }
        public string? Id { get; }
        public string? UserName { get; }
        public WireScimException? Problem { get; }
        public bool IsEligible => Id != null && Problem == null;

        /// <summary>Resolved from the state file, not checked in this run.</summary>
        public bool FromState { get; private init; }

        /// <summary>How the member is shown in results: its handle when known, else the input's key.</summary>
        public string Shown => UserName ?? Reference.Known?.UserName ?? Reference.Value;
    }
}
