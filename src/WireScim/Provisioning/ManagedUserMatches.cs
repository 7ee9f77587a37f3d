using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>Which managed user each input row is, and which managed users no row is.</summary>
    internal sealed class ManagedUserMatches
    {
        private readonly Dictionary<int, SyncStateEntry> _byRow;

        public ManagedUserMatches(Dictionary<int, SyncStateEntry> byRow, IReadOnlyList<SyncStateEntry> missing, int managed)
        {
            _byRow = byRow;
            Missing = missing;
            Managed = managed;
        }

        /// <summary>Users the state file manages, active, disabled or pending.</summary>
        public int Managed { get; }

        public IReadOnlyList<SyncStateEntry> Missing { get; }

        public SyncStateEntry? For(int row) => _byRow.TryGetValue(row, out var entry) ? entry : null;
    }
}
