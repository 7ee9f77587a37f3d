namespace WireScim.Provisioning
{
    /// <summary>What the planner decided for one desired group.</summary>
    internal enum GroupPlanKind
    {
        /// <summary>The state says the group was left exactly like this, or the listing shows it so: no request.</summary>
        Unchanged,
        Create,
        /// <summary>Take over the one unclaimed Wire group with the exact name.</summary>
        Adopt,
        Update,
        /// <summary>Several unclaimed Wire groups have the name: none is taken.</summary>
        Ambiguous,
    }
}
