using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>A group as the input wants it: one AD group, or the CSV rows that share a group name.</summary>
    internal sealed class DesiredGroup
    {
        public DesiredGroup(string source, string displayName, int row)
        {
            Source = source;
            DisplayName = displayName;
            Row = row;
        }

        /// <summary>The state key: the AD objectGUID when given, else the name.</summary>
        public string Source { get; }
        public string DisplayName { get; }

        /// <summary>The first input row of the group.</summary>
        public int Row { get; }
        public List<MemberReference> Members { get; } = new List<MemberReference>();
        public HashSet<string> MemberKeys { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>Adds a member once, whatever the input repeats.</summary>
        public void AddMember(MemberReference member)
        {
            if (MemberKeys.Add(member.CacheKey)) Members.Add(member);
        }
    }
}
