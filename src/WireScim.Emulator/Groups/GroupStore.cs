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

    /// <summary>Raised after every change, outside the lock.</summary>
    public event Action? Changed;

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
        Changed?.Invoke();
        return group;
    }

    /// <summary>Applies <paramref name="change"/> under the lock; null when the group does not exist.</summary>
    public StoredGroup? Update(Guid id, Func<StoredGroup, StoredGroup> change)
    {
        StoredGroup updated;
        lock (gate)
        {
            if (!groups.TryGetValue(id, out var existing)) return null;
            var changed = change(Live(existing));
            updated = groups[id] = changed with { Members = StoredGroup.InStorageOrder(changed.Members) };
        }
        Changed?.Invoke();
        return updated;
    }

    public bool Delete(Guid id)
    {
        bool removed;
        lock (gate) removed = groups.Remove(id);
        if (removed) Changed?.Invoke();
        return removed;
    }

    /// <summary>Replaces every group (loading the data file at start).</summary>
    public void Load(IEnumerable<StoredGroup> stored)
    {
        lock (gate)
        {
            groups.Clear();
            foreach (var group in stored) groups[group.Id] = group;
        }
    }

    private StoredGroup Live(StoredGroup group) =>
        group.Members.All(Directory.Exists) ? group : group with { Members = group.Members.Where(Directory.Exists).ToList() };
}
