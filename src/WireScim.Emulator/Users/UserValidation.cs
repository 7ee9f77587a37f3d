using System.Text.RegularExpressions;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Users;

/// <summary>Spar's validateScimUser: the rules in the documented order, first error wins.</summary>
internal static partial class UserValidation
{
    public static readonly string[] KnownRoles = ["owner", "admin", "member", "partner"];

    public const string NoEmailNoIdp =
        "Could not process externalId. Please check: (1) does the scim user contain a valid email address? " +
        "(2) did you associate your scim token with a SAML IdP in wire?";

    /// <param name="operation">"post" or "put"; appended to some details as Wire does.</param>
    /// <param name="samlMode">Whether the calling token is bound to a SAML IdP.</param>
    /// <param name="richInfoLimit">spar's richInfoLimit, applied to the whole merged rich info of the request.</param>
    public static ValidUser Validate(UserInput input, string operation, bool samlMode, int richInfoLimit)
    {
        var suffix = $" ({operation})";

        if (input.PasswordGiven)
            throw ScimError.InvalidValue("Setting user passwords is not supported for security reasons." + suffix);

        if (input.ExternalId is null) throw ScimError.InvalidValue("externalId is required");
        var externalId = input.ExternalId;
        if (samlMode)
        {
            if (externalId.Length == 0) throw ScimError.InvalidValue("Can't construct a subject ID from externalId: empty NameID");
        }
        else if (input.Email is null && !UserParser.IsEmail(externalId))
        {
            throw ScimError.InvalidValue(NoEmailNoIdp);
        }

        var userName = input.UserName.ToLowerInvariant();
        if (!IsValidHandle(userName)) throw ScimError.InvalidValue($"{userName}is not a valid Wire handle");

        var email = input.Email ?? (UserParser.IsEmail(externalId) ? externalId : null);
        // mkUserName in services/spar/src/Spar/Intra/BrigApp.hs: the SAML NameID even when an e-mail is given, else the e-mail.
        var displayName = input.DisplayName ?? (samlMode ? externalId : email!);
        if (CodePoints.Count(displayName) is < 1 or > 128)
            throw ScimError.InvalidValue("Name: outside range [1, 128]" + suffix);

        var richInfoSize = input.RichInfo.Size;
        if (richInfoSize > richInfoLimit)
            throw new ScimError(413, "invalidValue",
                $"[\"{RichInfo.ExtensionUrn}\",\"{RichInfo.ProfileUrn}\"] together exceed the size limit: " +
                $"max {richInfoLimit} characters, but got {richInfoSize}{suffix}");

        string? language = null;
        if (input.PreferredLanguage is not null)
            language = Languages.Parse(input.PreferredLanguage)
                ?? throw ScimError.InvalidValue("Could not parse language. Expected format is ISO 639-1." + suffix);

        string? role = null;
        if (input.Roles is { Count: > 1 }) throw ScimError.InvalidValue("A user cannot have more than one role." + suffix);
        if (input.Roles is [var requested])
        {
            if (!KnownRoles.Contains(requested))
                throw ScimError.InvalidValue($"The role '{requested}' is not valid. Valid roles are owner, admin, member, partner.{suffix}");
            role = requested;
        }

        return new ValidUser(userName, externalId, displayName, input.Active, email, language, role, input.RichInfo);
    }

    /// <summary>Wire handle rules: 2-256 characters of a-z 0-9 _ . -</summary>
    public static bool IsValidHandle(string handle) => HandleShape().IsMatch(handle);

    [GeneratedRegex(@"^[a-z0-9_.-]{2,256}\z")]
    private static partial Regex HandleShape();
}
