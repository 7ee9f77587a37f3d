namespace WireScim.Emulator.Users;

/// <summary>A parsed, not yet validated SCIM user body (POST/PUT), or the draft a PATCH works on.</summary>
internal sealed class UserInput
{
    public required string UserName { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public bool? Active { get; set; }
    /// <summary>The one address Wire uses: the first primary one, otherwise the first one.</summary>
    public string? Email { get; set; }
    public string? PreferredLanguage { get; set; }
    /// <summary>Role names as sent; null or empty means "not given".</summary>
    public List<string>? Roles { get; set; }
    public RichInfo RichInfo { get; set; } = RichInfo.Empty;
    public bool PasswordGiven { get; set; }
}

/// <summary>A user body that passed every rule: userName lowercased, the display name defaulted as Wire does.</summary>
internal sealed record ValidUser(
    string UserName,
    string ExternalId,
    string DisplayName,
    bool? Active,
    string? Email,
    string? Language,
    string? Role,
    RichInfo RichInfo);
