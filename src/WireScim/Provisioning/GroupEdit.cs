using System;
using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>One change to one group's name or members; edits to the same group are applied in arrival order.</summary>
    internal sealed class GroupEdit
    {
        public string? NewDisplayName { get; init; }

        /// <summary>The whole member list (Set-WireScimGroup -Member, Sync); null keeps the members.</summary>
        public IReadOnlyCollection<string>? ReplaceMembers { get; init; }
        public IReadOnlyCollection<string> Add { get; init; } = Array.Empty<string>();
        public IReadOnlyCollection<string> Remove { get; init; } = Array.Empty<string>();

        /// <summary>Compute the result against the group as Wire has it, but send no PUT (-WhatIf).</summary>
        public bool PlanOnly { get; init; }
    }
}
