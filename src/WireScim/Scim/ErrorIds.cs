namespace WireScim.Scim
{
    /// <summary>Every ErrorId the module writes. about_WireScim lists them all (a test checks).</summary>
    internal static class ErrorIds
    {
        public const string InvalidId = "WireScim.InvalidId";
        public const string BadResponse = "WireScim.BadResponse";
        public const string NotConnected = "WireScim.NotConnected";
        public const string ResponseTooLarge = "WireScim.ResponseTooLarge";
        public const string DeletionGuard = "WireScim.DeletionGuard";
        public const string StateUnreadable = "WireScim.StateUnreadable";
        public const string StateInUse = "WireScim.StateInUse";

        // Groups (Wire 5.24 and later).
        public const string GroupsNotSupported = "WireScim.GroupsNotSupported";
        public const string GroupNotFound = "WireScim.GroupNotFound";
        public const string GroupNameAmbiguous = "WireScim.GroupNameAmbiguous";
        public const string InvalidGroupName = "WireScim.InvalidGroupName";
        public const string GroupRequired = "WireScim.GroupRequired";
        public const string NothingToChange = "WireScim.NothingToChange";
        public const string InvalidMember = "WireScim.InvalidMember";
        public const string MemberNotFound = "WireScim.MemberNotFound";
        public const string MemberPending = "WireScim.MemberPending";
        public const string MemberNotScimManaged = "WireScim.MemberNotScimManaged";
        public const string GroupListingFailed = "WireScim.GroupListingFailed";
    }
}
