namespace WireScim.Scim
{
    /// <summary>The SCIM resource a request is about, so errors can say what was not found or taken.</summary>
    internal enum ScimResourceKind
    {
        /// <summary>Not a SCIM resource (the token API, discovery).</summary>
        None,
        User,
        Group,
    }
}
