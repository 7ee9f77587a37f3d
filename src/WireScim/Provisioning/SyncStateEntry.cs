using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>One user this sync manages, keyed by its Wire id: the externalIds it had and the values last sent.</summary>
    internal sealed class SyncStateEntry
    {
        public string Id { get; set; } = string.Empty;
        public string ExternalId { get; set; } = string.Empty;

        /// <summary>ExternalIds the user had before (an HR system renamed it); a row with one of them is still this user.</summary>
        public List<string>? FormerExternalIds { get; set; }

        public string? UserName { get; set; }

        /// <summary>What this sync last sent (and Wire accepted), so that a changed row is patched without a GET first.</summary>
        public SentValues? Sent { get; set; }

        /// <summary>Written by earlier versions, which kept no <see cref="Sent"/>: equal means the row is unchanged.</summary>
        public string? Fingerprint { get; set; }

        /// <summary>Suspended by this sync because it left the input.</summary>
        public bool Disabled { get; set; }

        /// <summary>Created in invitation mode and not yet seen active: Wire shows it inactive and cannot suspend it.</summary>
        public bool Pending { get; set; }

        /// <summary>A journal line saying the user is gone (deleted by this sync, or no longer in Wire).</summary>
        public bool Removed { get; set; }

        public IEnumerable<string> AllExternalIds()
        {
            yield return ExternalId;
            if (FormerExternalIds != null) foreach (var former in FormerExternalIds) yield return former;
        }
    }
}
