namespace WireScim.Scim
{
    /// <summary>Every ErrorId the module writes. about_WireScim lists them all (a test checks).</summary>
    internal static class ErrorIds
    {
        public const string InvalidId = "WireScim.InvalidId";
        public const string BadResponse = "WireScim.BadResponse";
    }
}
