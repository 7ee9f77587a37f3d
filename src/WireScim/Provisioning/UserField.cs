namespace WireScim.Provisioning
{
    /// <summary>The user attributes the module sets, as change lists name them.</summary>
    public enum UserField
    {
        UserName,
        DisplayName,
        ExternalId,
        Email,
        PreferredLanguage,
        Role,
        Active,
        RichInfo,
    }
}
