namespace WireScim.Scim
{
    /// <summary>
    /// What a two-factor code is for. Wire scopes codes per account and action: a login code is refused for
    /// token creation and the other way round (libs/wire-subsystems/src/Wire/VerificationCode.hs).
    /// </summary>
    public enum VerificationAction
    {
        /// <summary>POST /login (Wire's action 'login').</summary>
        Login,
        /// <summary>Creating a SCIM token (Wire's action 'create_scim_token').</summary>
        CreateScimToken,
    }
}
