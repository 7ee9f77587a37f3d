namespace WireScim.Emulator.Users;

/// <summary>
/// A team member SCIM did not create: the owner, a user who accepted a Team-Settings invitation, or an open
/// Team-Settings invitation (<see cref="Pending"/>). Brig marks them managed_by=wire until a SCIM look-up reaches them
/// (docs/wire-behaviour.md#look-ups-change-wire).
/// </summary>
internal sealed record TeamMember
{
    public required Guid Id { get; init; }
    /// <summary>Null for a member who never chose a handle (Wire gives them their user id as handle on adoption).</summary>
    public string? Handle { get; init; }
    public required string DisplayName { get; init; }
    public string? Email { get; init; }
    public required string Role { get; init; }
    /// <summary>An invitation sent from Team Settings and not yet accepted: no brig user exists, so SCIM cannot see it.</summary>
    public bool Pending { get; init; }
    /// <summary>True once a SCIM look-up flipped brig's managed_by, even if the adoption then failed with a 409.</summary>
    public bool ManagedByScim { get; init; }
    /// <summary>spar's SCIM timestamps, written by the first look-up that reached the member.</summary>
    public DateTimeOffset? ScimCreated { get; init; }
    public DateTimeOffset Joined { get; init; }
}
