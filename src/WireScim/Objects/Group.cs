using System;

namespace WireScim
{
    /// <summary>A Wire user group as the SCIM API reports it (Wire 5.24 and later). PowerShell shows it as WireScim.Group.</summary>
    /// <remarks>
    /// Groups have no externalId and their names are not unique: the Id is the only key. Version and LastModified
    /// never change in Wire (every group reports W/"v1" and its creation time), so they cannot show a change.
    /// </remarks>
    public sealed class Group
    {
        public string? Id { get; set; }
        public string? DisplayName { get; set; }

        /// <summary>The Wire user ids of the members, in no particular order.</summary>
        public string[] Members { get; set; } = System.Array.Empty<string>();
        public int MemberCount => Members.Length;
        public DateTime? Created { get; set; }
        public DateTime? LastModified { get; set; }
        public string? Version { get; set; }
        public Uri? Location { get; set; }

        public override string ToString() => DisplayName ?? Id ?? string.Empty;
    }
}
