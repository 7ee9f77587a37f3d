using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>Groups this sync made earlier that the input no longer has, and whether the deletion guard holds them back.</summary>
    internal sealed class MissingGroupsPlan
    {
        public MissingGroupsPlan(IReadOnlyList<GroupSyncStateEntry> missing, string? guardMessage)
        {
            Missing = missing;
            GuardMessage = guardMessage;
        }

        public IReadOnlyList<GroupSyncStateEntry> Missing { get; }

        /// <summary>Why nothing is removed, when the guard tripped; null otherwise.</summary>
        public string? GuardMessage { get; }
        public bool GuardTripped => GuardMessage != null;
    }
}
