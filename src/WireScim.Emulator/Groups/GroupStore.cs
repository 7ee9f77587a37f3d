namespace WireScim.Emulator.Groups;

/// <summary>
/// brig's user_group tables for the one team. Members of deleted users disappear from every group (brig's
/// deleteAccount removes them), which the store applies whenever it hands a group out.
/// </summary>
internal sealed class GroupStore(MemberDirectory directory)
{
    private readonly object gate = new();
    private readonly Dictionary<Guid, StoredGroup> groups = new();

    public MemberDirectory Directory { get; } = directory;

    public StoredGroup? Get(Guid id)
    {
        lock (gate) return groups.TryGetValue(id, out var group) ? Live(group) : null;
    }

    /// <summary>Every group, ordered by id.</summary>
    public IReadOnlyList<StoredGroup> All()
    {
        lock (gate) return groups.Values.OrderBy(g => StoredGroup.Key(g.Id), StringComparer.Ordinal).Select(Live).ToList();
    }

    public StoredGroup Add(string displayName, IEnumerable<Guid> members, GroupManager managedBy)
    {
        var group = new StoredGroup
        {
            Id = Guid.NewGuid(),
            DisplayName = displayName,
            ManagedBy = managedBy,
            Members = StoredGroup.InStorageOrder(members),
            Created = Users.UserRepresentation.Now(),
        };
        lock (gate) groups[group.Id] = group;
        return group;
    }

    /// <summary>Applies <paramref name="change"/> under the lock; null when the group does not exist.</summary>
    public StoredGroup? Update(Guid id, Func<StoredGroup, StoredGroup> change)
    {
        lock (gate)
        {
            if (!groups.TryGetValue(id, out var existing)) return null;
            var changed = change(Live(existing));
            groups[id] = changed with { Members = StoredGroup.InStorageOrder(changed.Members) };
            return groups[id];
        }
    }

    public bool Delete(Guid id)
    {
        lock (gate) return groups.Remove(id);
    }

    private StoredGroup Live(StoredGroup group) =>
        group.Members.All(Directory.Exists) ? group : group with { Members = group.Members.Where(Directory.Exists).ToList() };
}
