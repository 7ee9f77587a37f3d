using System.Text.Json.Nodes;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Groups;

/// <summary>
/// The errors of spar's group handlers (libs/wire-subsystems/src/Wire/ScimSubsystem/Error.hs, and
/// services/spar/src/Spar/Error.hs in 5.24), including brig's errors nested as a JSON string in a 500's detail.
/// </summary>
internal static class GroupErrors
{
    public static ScimError InvalidMemberId() => ScimError.InvalidValue("Invalid group member ID: UUID.fromText failed");

    public static ScimError BadName() => ScimError.InvalidValue("outside range [1, 4000]");

    public static ScimError NotFound(Guid id) => new(404, null, $"Group {id} not found");

    public static ScimError MembersNotScimManaged(IEnumerable<Guid> ids, WireRelease release) => ScimError.InvalidValue(
        (release.PagesGroups
            ? "These users do not exist, are not in your team, or not \"managed_by\" = \"scim\": "
            : "These users are not in your team or not \"managed_by\" = \"scim\": ") + string.Join(", ", ids));

    public static ScimError DeleteForbidden(Guid id, WireRelease release) => new(403, null,
        release.PagesGroups ? $"forbidden: Group is not managed by SCIM: {id}" : "forbidden: Cannot delete group not managed by SCIM");

    /// <summary>brig's guardMembersInTeam: a member without an account (missing, pending, deleted).</summary>
    public static ScimError MemberNotInTeam() =>
        Nested(400, "user-group-invalid", "Only team members of the same team can be added to a user group.");

    /// <summary>A member id twice violates user_group_member's primary key: brig fails with its generic 500.</summary>
    public static ScimError DuplicateMember() => Nested(500, "server-error", "Server Error");

    /// <summary>brig's getGroupsInternal throws a ParseException for every filter but displayName co "...".</summary>
    public static ScimError UnsupportedFilter() => Nested(500, "internal-error", "");

    private static ScimError Nested(int code, string label, string message) =>
        new(500, null, Responses.Serialize(new JsonObject { ["code"] = code, ["label"] = label, ["message"] = message }));
}
