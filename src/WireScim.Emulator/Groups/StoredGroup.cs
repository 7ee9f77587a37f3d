namespace WireScim.Emulator.Groups;

/// <summary>
/// A user group as brig keeps it. <see cref="Members"/> is in storage order (ascending user id, as the table's
/// primary key returns it), not in the order a request listed them.
/// </summary>
internal sealed record StoredGroup
{
    public required Guid Id { get; init; }
    public required string DisplayName { get; init; }
    public required GroupManager ManagedBy { get; init; }
    public required IReadOnlyList<Guid> Members { get; init; }
    /// <summary>Also what SCIM shows as lastModified: Wire never moves it.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>A UUID's canonical text, the order Postgres sorts uuid columns in.</summary>
    public static string Key(Guid id) => id.ToString("D");

    public static IReadOnlyList<Guid> InStorageOrder(IEnumerable<Guid> members) =>
        members.OrderBy(Key, StringComparer.Ordinal).ToList();
}
