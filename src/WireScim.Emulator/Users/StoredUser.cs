using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WireScim.Emulator.Users;

internal enum UserStatus { Active, Suspended, PendingInvitation }

/// <summary>A user as the emulator keeps it. Immutable: every change makes a new instance.</summary>
internal sealed record StoredUser
{
    public required Guid Id { get; init; }
    public required string UserName { get; init; }
    public required string ExternalId { get; init; }
    public required string DisplayName { get; init; }
    public required string Language { get; init; }
    public required UserStatus Status { get; init; }
    public string? Email { get; init; }
    /// <summary>The team role; for a pending invitation, the role it will get on acceptance.</summary>
    public required string Role { get; init; }
    public required RichInfo RichInfo { get; init; }
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset LastModified { get; init; }
    /// <summary>Has a SAML identity whose NameID is the externalId (written by a token bound to an IdP).</summary>
    public bool Saml { get; init; }
    public string Version { get; init; } = "";

    /// <summary>The role SCIM shows: a pending invitation is a member until accepted.</summary>
    public string ShownRole => Status == UserStatus.PendingInvitation ? "member" : Role;

    public bool SameContentAs(StoredUser other) =>
        UserName == other.UserName && ExternalId == other.ExternalId && DisplayName == other.DisplayName &&
        Language == other.Language && Status == other.Status && Email == other.Email && Role == other.Role &&
        RichInfo.SameAs(other.RichInfo);

    /// <summary>Stamps a real change: lastModified = now, version = weak ETag over id and content.</summary>
    public StoredUser Stamped(DateTimeOffset now)
    {
        var changed = this with { LastModified = now };
        return changed with { Version = ComputeVersion(changed) };
    }

    private static string ComputeVersion(StoredUser user)
    {
        var content = new JsonObject
        {
            ["id"] = user.Id.ToString(),
            ["userName"] = user.UserName,
            ["externalId"] = user.ExternalId,
            ["displayName"] = user.DisplayName,
            ["preferredLanguage"] = user.Language,
            ["status"] = user.Status.ToString(),
            ["email"] = user.Email,
            ["role"] = user.Role,
            ["richInfo"] = user.RichInfo.ToExtensionJson(),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content.ToJsonString()));
        return $"W/\"{Convert.ToHexStringLower(hash)}\"";
    }
}
