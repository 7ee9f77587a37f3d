using System.Text.Json.Nodes;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Users;

/// <summary>hscim's patchUser: start from the stored user, apply the operations in memory, then validate as a PUT.</summary>
internal static class PatchApplier
{
    private const string UnsupportedPath = "we only support attributes username, displayname, externalid, active, roles";

    public static ValidUser Apply(StoredUser existing, IReadOnlyList<PatchOperation> operations, bool samlMode, int richInfoLimit)
    {
        var draft = new UserInput
        {
            UserName = existing.UserName,
            ExternalId = existing.ExternalId,
            DisplayName = existing.DisplayName,
            Active = existing.Status == UserStatus.Active,
            Email = existing.Email,
            PreferredLanguage = existing.Language,
            Roles = [existing.Role],
            RichInfo = existing.RichInfo,
        };
        foreach (var operation in operations)
        {
            if (operation.Kind == PatchOpKind.Remove) Remove(draft, operation.Path);
            else Set(draft, operation.Path, operation.Value);
        }
        return UserValidation.Validate(draft, "put", samlMode, richInfoLimit);
    }

    private static void Set(UserInput draft, PatchPath? path, JsonNode? value)
    {
        if (value is null) throw ScimError.InvalidValue("No value was provided");
        switch (path)
        {
            case null:
                ReplaceFromObject(draft, value);
                break;
            case RichInfoPath rich:
                if (!value.IsString(out var text)) throw ScimError.InvalidValue("rich info values can only be text");
                draft.RichInfo = draft.RichInfo.With(rich.Key, text);
                break;
            case CoreAttributePath { HasValueFilter: true }:
                throw ScimError.BadRequest("invalidPath", "can not lens into multi-valued attributes yet");
            case CoreAttributePath { SubAttribute: not null }:
                throw ScimError.BadRequest("invalidPath", UnsupportedPath);
            case CoreAttributePath core:
                SetCoreAttribute(draft, core.Name, value);
                break;
        }
    }

    private static void SetCoreAttribute(UserInput draft, string name, JsonNode value)
    {
        switch (name)
        {
            case "username":
                draft.UserName = RequireString(value, "userName");
                break;
            case "displayname":
                draft.DisplayName = RequireString(value, "displayName");
                break;
            case "externalid":
                draft.ExternalId = RequireString(value, "externalId");
                break;
            case "active":
                draft.Active = value.TryReadScimBool(out var active) ? active : throw ScimError.InvalidValue("active must be a boolean");
                break;
            case "roles":
                try
                {
                    draft.Roles = UserParser.ReadRoles(value);
                }
                catch (PlainError)
                {
                    throw ScimError.InvalidValue("roles must be an array of strings");
                }
                break;
            default:
                throw ScimError.BadRequest("invalidPath", UnsupportedPath);
        }
    }

    /// <summary>replace/add without a path: the value is read as a whole User; roles in it are ignored.</summary>
    private static void ReplaceFromObject(UserInput draft, JsonNode value)
    {
        UserInput replacement;
        try
        {
            replacement = UserParser.Parse(value);
        }
        catch (PlainError e)
        {
            throw ScimError.InvalidValue(e.Message);
        }
        draft.UserName = replacement.UserName;
        draft.DisplayName = replacement.DisplayName;
        draft.ExternalId = replacement.ExternalId;
        draft.Active = replacement.Active;
    }

    private static void Remove(UserInput draft, PatchPath? path)
    {
        switch (path)
        {
            case null:
                throw ScimError.BadRequest("noTarget", null);
            case RichInfoPath rich:
                draft.RichInfo = draft.RichInfo.With(rich.Key, null);
                break;
            case CoreAttributePath { SubAttribute: null, HasValueFilter: false } core:
                switch (core.Name)
                {
                    case "username":
                        throw ScimError.BadRequest("mutability", null);
                    case "externalid":
                        draft.ExternalId = null;
                        break;
                    case "displayname":
                        draft.DisplayName = null;
                        break;
                    case "active":
                        draft.Active = null;
                        break;
                }
                // roles and any other attribute: removing is silently ignored.
                break;
        }
    }

    private static string RequireString(JsonNode value, string attribute) =>
        value.IsString(out var text) ? text : throw ScimError.InvalidValue($"{attribute} must be a string");
}
