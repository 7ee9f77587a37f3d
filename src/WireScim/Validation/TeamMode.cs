namespace WireScim.Validation
{
    /// <summary>How Wire creates users for a token: by e-mail invitation, or as SAML single sign-on users.</summary>
    public enum TeamMode
    {
        /// <summary>Not known (a token given to Connect-WireScim): only Wire decides.</summary>
        Unknown,
        /// <summary>Token without an identity provider: users are invited by e-mail and stay inactive until they accept.</summary>
        Invitation,
        /// <summary>Token bound to a SAML identity provider: externalId is the SAML NameID; users are active at once.</summary>
        SingleSignOn,
    }
}
