using WireScim.Emulator.Http;

namespace WireScim.Emulator.Groups;

/// <summary>
/// spar's group handlers with the brig calls behind them (libs/wire-subsystems/src/Wire/ScimSubsystem/Interpreter.hs,
/// libs/wire-subsystems/src/Wire/UserGroupSubsystem/Interpreter.hs), checks in their order.
/// </summary>
internal sealed class ScimGroups(GroupStore store)
{
    public const int DefaultPageSize = 15;
    public const int MaxPageSize = 500;

    private MemberDirectory Directory => store.Directory;

    /// <summary>POST: the created group and the member order to echo (the request's).</summary>
    public (StoredGroup Group, IReadOnlyList<Guid> RequestOrder) Create(GroupInput input, WireRelease release)
    {
        var ids = ParseMembers(input.MemberValues);
        var notScim = ids.Distinct().Where(id => Directory.Classify(id) == MemberStanding.NotScimManaged).ToList();
        if (notScim.Count > 0) throw GroupErrors.MembersNotScimManaged(notScim, release);
        CheckName(input.DisplayName);
        if (ids.Any(id => Directory.Classify(id) == MemberStanding.NoAccount)) throw GroupErrors.MemberNotInTeam();
        if (ids.Distinct().Count() != ids.Count) throw GroupErrors.DuplicateMember();
        return (store.Add(input.DisplayName, ids, GroupManager.Scim), ids);
    }

    /// <summary>GET by id: Wire-managed groups are found too.</summary>
    public StoredGroup Get(Guid id) => store.Get(id) ?? throw GroupErrors.NotFound(id);

    /// <summary>
    /// PUT: only added members are checked. brig renames first and then replaces the members, not atomically, so a
    /// member failure at that step (duplicate ids) leaves the new name behind.
    /// </summary>
    public StoredGroup Replace(Guid id, GroupInput input, WireRelease release)
    {
        var current = store.Get(id);
        if (current is null || current.ManagedBy != GroupManager.Scim) throw GroupErrors.NotFound(id);
        CheckName(input.DisplayName);
        var ids = ParseMembers(input.MemberValues);

        var toAdd = StoredGroup.InStorageOrder(ids.Distinct().Except(current.Members));
        var standings = toAdd.Select(member => (Id: member, Standing: Directory.Classify(member))).ToList();
        var notScim = standings.Where(s => s.Standing == MemberStanding.NotScimManaged).Select(s => s.Id).ToList();
        if (notScim.Count > 0) throw GroupErrors.MembersNotScimManaged(notScim, release);
        var missing = standings.FirstOrDefault(s => s.Standing == MemberStanding.NoAccount);
        if (missing != default) throw ScimError.UserNotFound(missing.Id);

        _ = store.Update(id, g => g with { DisplayName = input.DisplayName }) ?? throw GroupErrors.NotFound(id);
        if (ids.Distinct().Count() != ids.Count) throw GroupErrors.DuplicateMember();
        return store.Update(id, g => g with { Members = ids }) ?? throw GroupErrors.NotFound(id);
    }

    /// <summary>DELETE: 204 also for unknown ids; a Wire-managed group is refused.</summary>
    public void Delete(Guid id, WireRelease release)
    {
        if (store.Get(id) is { ManagedBy: GroupManager.Wire }) throw GroupErrors.DeleteForbidden(id, release);
        store.Delete(id);
    }

    /// <summary>
    /// GET /Groups. 5.25+: SCIM-managed groups only, by id, paged (startIndex 1-based, count default 15, at most 500).
    /// 5.24: every group of the team sorted by name, one page of at most 500, paging parameters ignored.
    /// </summary>
    public GroupPage List(NameContains? filter, long? startIndex, long? count, WireRelease release)
    {
        var matching = store.All().Where(g => filter is null || filter.Matches(g.DisplayName));
        if (!release.PagesGroups)
        {
            var all = matching.OrderBy(g => g.DisplayName, StringComparer.Ordinal)
                .ThenBy(g => StoredGroup.Key(g.Id), StringComparer.Ordinal).Take(MaxPageSize).ToList();
            return new GroupPage(all, all.Count, 1);
        }
        var scim = matching.Where(g => g.ManagedBy == GroupManager.Scim).ToList();
        var offset = startIndex is > 1 ? startIndex.Value - 1 : 0;
        var size = (int)Math.Clamp(count ?? DefaultPageSize, 0, MaxPageSize);
        var page = offset >= scim.Count ? [] : scim.Skip((int)offset).Take(size).ToList();
        return new GroupPage(page, scim.Count, offset + 1);
    }

    /// <summary>Data.UUID's fromText: the canonical 36-character form, either case.</summary>
    public static bool TryParseMemberId(string text, out Guid id)
    {
        id = Guid.Empty;
        return text.Length == 36 && text.All(c => c == '-' || Uri.IsHexDigit(c)) && Guid.TryParseExact(text, "D", out id);
    }

    private static List<Guid> ParseMembers(IReadOnlyList<string> values) =>
        values.Select(v => TryParseMemberId(v, out var id) ? id : throw GroupErrors.InvalidMemberId()).ToList();

    /// <summary>UserGroupName = Range 1 4000 Text, counted in code points.</summary>
    private static void CheckName(string name)
    {
        var length = name.EnumerateRunes().Count();
        if (length is < 1 or > 4000) throw GroupErrors.BadName();
    }
}

/// <summary>One page of a listing: the groups, all matches, and the 1-based index of the first.</summary>
internal sealed record GroupPage(IReadOnlyList<StoredGroup> Groups, int TotalResults, long StartIndex);
