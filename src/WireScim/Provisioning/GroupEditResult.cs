using System.Collections.Generic;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>What one <see cref="GroupEdit"/> did: member ids added, removed, already there or refused by Wire.</summary>
    internal sealed class GroupEditResult
    {
        public Group Group { get; set; } = new Group();
        public string? PreviousDisplayName { get; set; }
        public List<string> Added { get; } = new List<string>();
        public List<string> Removed { get; } = new List<string>();
        public List<string> AlreadyMembers { get; } = new List<string>();
        public List<string> NotMembers { get; } = new List<string>();

        /// <summary>Members Wire would not take (a PUT named them), with Wire's answer.</summary>
        public List<(string Id, WireScimException Error)> Refused { get; } = new List<(string, WireScimException)>();

        /// <summary>Whether a PUT was sent (or, for a plan, would be).</summary>
        public bool Changed { get; set; }
    }
}
