using System.Globalization;
using System.Text;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Store;

/// <summary>Who already holds an externalId, a SAML NameID or an e-mail: the checks spar and brig make before writing.</summary>
internal sealed partial class EmulatorStore
{
    /// <summary>A user with a SAML identity whose NameID equals the value case-folded, as spar's user_v2 index compares.</summary>
    private StoredUser? FindBySamlNameIdLocked(string nameId)
    {
        var folded = Fold(nameId);
        return users.Values.FirstOrDefault(u => u.Saml && Fold(u.ExternalId) == folded);
    }

    /// <summary>spar's assertExternalIdNotUsedElsewhere: the exact externalId, and with an IdP the folded NameID too.</summary>
    private bool ExternalIdHeldByOtherLocked(string externalId, Guid self, bool samlMode)
    {
        if (idByExternalId.TryGetValue(externalId, out var owner) && owner != self) return true;
        return samlMode && FindBySamlNameIdLocked(externalId) is { } holder && holder.Id != self;
    }

    /// <summary>An account brig holds the e-mail key for: an active or suspended user, or a member who accepted.</summary>
    private bool EmailOfAccountLocked(string email) =>
        users.Values.Any(u => u.Status != UserStatus.PendingInvitation && EmailKey.Same(u.Email, email)) ||
        members.Values.Any(m => !m.Pending && EmailKey.Same(m.Email, email));

    /// <summary>
    /// createValidScimUser's 409 for an externalId spar already records, naming the holder's status and showing the
    /// request's ValidScimId and the holder's id the way Haskell's show does (Active alone has ": " before it).
    /// </summary>
    private static ScimError ExternalIdTaken(StoredUser holder, ValidUser request, bool samlMode)
    {
        var status = holder.Status == UserStatus.PendingInvitation ? "PendingInvitation" : holder.Status.ToString();
        var separator = holder.Status == UserStatus.Active ? ": " : "";
        return ScimError.Uniqueness(
            $"ExternalId is already taken: user with status {status} exists{separator}({ShowValidScimId(request, samlMode)},{holder.Id})");
    }

    /// <summary>
    /// The derived Show of ValidScimId (libs/wire-api/src/Wire/API/User/Scim.hs). The SAML UserRef part is abbreviated
    /// to its NameID; spar prints the whole issuer and NameID records there.
    /// </summary>
    private static string ShowValidScimId(ValidUser request, bool samlMode)
    {
        var uref = $"(UserRef {{_uidSubject = {HaskellString(request.ExternalId)}}})";
        var authInfo = (samlMode, request.Email) switch
        {
            (false, { } email) => $"This {HaskellString(email)}",
            (true, { } email) => $"These {HaskellString(email)} {uref}",
            _ => $"That {uref}",
        };
        return $"ValidScimId {{validScimIdExternal = {HaskellString(request.ExternalId)}, validScimIdAuthInfo = {authInfo}}}";
    }

    /// <summary>Haskell's show of a Text: quotes, backslash escapes, non-ASCII as decimal escapes.</summary>
    private static string HaskellString(string text)
    {
        var shown = new StringBuilder("\"");
        var previousWasNumericEscape = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (previousWasNumericEscape && rune.Value is >= '0' and <= '9') shown.Append("\\&");
            previousWasNumericEscape = false;
            switch (rune.Value)
            {
                case '"': shown.Append("\\\""); break;
                case '\\': shown.Append("\\\\"); break;
                case '\n': shown.Append("\\n"); break;
                case '\t': shown.Append("\\t"); break;
                case < 0x20 or >= 0x7f:
                    shown.Append('\\').Append(rune.Value.ToString(CultureInfo.InvariantCulture));
                    previousWasNumericEscape = true;
                    break;
                default: shown.Append((char)rune.Value); break;
            }
        }
        return shown.Append('"').ToString();
    }

    private static string Fold(string text) => text.ToUpperInvariant().ToLowerInvariant();
}
