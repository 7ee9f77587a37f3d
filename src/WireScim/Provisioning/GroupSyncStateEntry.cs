namespace WireScim.Provisioning
{
    /// <summary>What the last group sync left in Wire for one source group.</summary>
    internal sealed class GroupSyncStateEntry
    {
        /// <summary>The source group's key: the AD objectGUID, or the group name for CSV input.</summary>
        public string Source { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;
        public string? DisplayName { get; set; }

        /// <summary>Hash of the name and member ids last sent; equal means nothing to send.</summary>
        public string? Fingerprint { get; set; }
        public string[] Members { get; set; } = System.Array.Empty<string>();
    }
}
