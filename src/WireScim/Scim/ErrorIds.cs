using System.Collections.Generic;

namespace WireScim.Scim
{
    /// <summary>
    /// Every ErrorId the module writes, in one place. Scripts match on them, so they are stable; about_WireScim lists
    /// them all (a test checks). Ids are never built from server text: Wire's labels map to a fixed id or a generic one.
    /// </summary>
    internal static class ErrorIds
    {
        // Input that breaks a rule or cannot be used; nothing is sent.
        public const string InvalidUserName = "WireScim.InvalidUserName";
        public const string InvalidDisplayName = "WireScim.InvalidDisplayName";
        public const string InvalidExternalId = "WireScim.InvalidExternalId";
        public const string InvalidEmail = "WireScim.InvalidEmail";
        public const string InvalidLanguage = "WireScim.InvalidLanguage";
        public const string InvalidRole = "WireScim.InvalidRole";
        public const string InvalidActive = "WireScim.InvalidActive";
        public const string InvalidRichInfo = "WireScim.InvalidRichInfo";
        public const string MissingUserName = "WireScim.MissingUserName";
        public const string MissingExternalId = "WireScim.MissingExternalId";
        public const string MissingRichInfoProperty = "WireScim.MissingRichInfoProperty";
        public const string MultipleValues = "WireScim.MultipleValues";
        public const string RichInfoTooLarge = "WireScim.RichInfoTooLarge";
        public const string DuplicateRichInfoKey = "WireScim.DuplicateRichInfoKey";
        public const string SecretInRichInfo = "WireScim.SecretInRichInfo";
        public const string ControlCharacters = "WireScim.ControlCharacters";
        public const string DuplicateUserName = "WireScim.DuplicateUserName";
        public const string DuplicateExternalId = "WireScim.DuplicateExternalId";
        public const string ADPropertyMissing = "WireScim.ADPropertyMissing";
        public const string UserKeyRequired = "WireScim.UserKeyRequired";
        public const string ReservedUserName = "WireScim.ReservedUserName";
        public const string ExternalIdCaseTwin = "WireScim.ExternalIdCaseTwin";
        public const string NoColumnBinds = "WireScim.NoColumnBinds";
        public const string SemicolonSeparatedFile = "WireScim.SemicolonSeparatedFile";
        public const string MalformedToken = "WireScim.MalformedToken";
        public const string CredentialRequired = "WireScim.CredentialRequired";
        public const string TokensOfSeveralHosts = "WireScim.TokensOfSeveralHosts";
        public const string InvalidId = "WireScim.InvalidId";
        public const string InvalidUri = "WireScim.InvalidUri";
        public const string InvalidArgument = "WireScim.InvalidArgument";
        public const string EmptyToken = "WireScim.EmptyToken";
        public const string InvalidToken = "WireScim.InvalidToken";

        // What Wire answered.
        public const string UserNameTaken = "WireScim.UserNameTaken";
        public const string ExternalIdTaken = "WireScim.ExternalIdTaken";
        public const string ExternalIdConflict = "WireScim.ExternalIdConflict";
        public const string GroupConflict = "WireScim.GroupConflict";
        public const string Conflict = "WireScim.Conflict";
        public const string UserNotFound = "WireScim.UserNotFound";
        public const string NotFound = "WireScim.NotFound";
        public const string IdentityProviderNotFound = "WireScim.IdentityProviderNotFound";
        public const string MoreThanOneIdp = "WireScim.MoreThanOneIdp";
        public const string FilterRequired = "WireScim.FilterRequired";
        public const string InvalidFilter = "WireScim.InvalidFilter";
        public const string InvalidValue = "WireScim.InvalidValue";
        public const string Mutability = "WireScim.Mutability";
        public const string InvalidPath = "WireScim.InvalidPath";
        public const string BadRequest = "WireScim.BadRequest";
        public const string RequestTooLarge = "WireScim.RequestTooLarge";
        public const string Throttled = "WireScim.Throttled";
        public const string TooManyRequests = "WireScim.TooManyRequests";
        public const string ServerError = "WireScim.ServerError";
        public const string TokenRejected = "WireScim.TokenRejected";
        public const string Forbidden = "WireScim.Forbidden";
        public const string AccessDenied = "WireScim.AccessDenied";
        public const string InsufficientPermissions = "WireScim.InsufficientPermissions";
        public const string CodeAuthenticationRequired = "WireScim.CodeAuthenticationRequired";
        public const string CodeAuthenticationFailed = "WireScim.CodeAuthenticationFailed";
        public const string TokenLimitReached = "WireScim.TokenLimitReached";
        public const string NoTeamMember = "WireScim.NoTeamMember";
        public const string InvalidCredentials = "WireScim.InvalidCredentials";
        public const string Suspended = "WireScim.Suspended";
        public const string PendingActivation = "WireScim.PendingActivation";
        public const string OperationDenied = "WireScim.OperationDenied";
        public const string ApiVersionTooOld = "WireScim.ApiVersionTooOld";

        // A Wire error passed on inside a SCIM error (wrapScimErrors in services/spar/src/Spar/Scim.hs).
        public const string EmailExists = "WireScim.EmailExists";
        public const string KeyExists = "WireScim.KeyExists";
        public const string BlacklistedEmail = "WireScim.BlacklistedEmail";
        public const string ConditionFailed = "WireScim.ConditionFailed";
        public const string DomainBlockedForRegistration = "WireScim.DomainBlockedForRegistration";
        public const string TooManyTeamInvitations = "WireScim.TooManyTeamInvitations";
        public const string BadUpstream = "WireScim.BadUpstream";
        public const string UserGroupInvalid = "WireScim.UserGroupInvalid";

        // The way to Wire, and the module itself.
        public const string ConnectionFailed = "WireScim.ConnectionFailed";
        public const string Timeout = "WireScim.Timeout";
        public const string Unreachable = "WireScim.Unreachable";
        public const string TlsFailed = "WireScim.TlsFailed";
        public const string Redirect = "WireScim.Redirect";
        public const string RedirectRefused = "WireScim.RedirectRefused";
        public const string BadResponse = "WireScim.BadResponse";
        public const string ResponseTooLarge = "WireScim.ResponseTooLarge";
        public const string NotConnected = "WireScim.NotConnected";
        public const string Canceled = "WireScim.Canceled";
        public const string Unexpected = "WireScim.Unexpected";

        // Sync-WireScimUser's state and deletion guard.
        public const string DeletionGuard = "WireScim.DeletionGuard";
        public const string StatePathRequired = "WireScim.StatePathRequired";
        public const string StateInUse = "WireScim.StateInUse";
        public const string StateUnreadable = "WireScim.StateUnreadable";
        public const string StateDamaged = "WireScim.StateDamaged";
        public const string StateNotWritable = "WireScim.StateNotWritable";
        public const string StateOtherInstance = "WireScim.StateOtherInstance";

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

        /// <summary>
        /// Labels of Wire errors nested in a SCIM error that have an id of their own; any other nested label keeps the
        /// id its status gives (BadRequest, Conflict, ServerError, ...). The label itself is on the exception.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, string> NestedLabels = new Dictionary<string, string>
        {
            ["email-exists"] = EmailExists,
            ["key-exists"] = KeyExists,
            ["blacklisted-email"] = BlacklistedEmail,
            ["condition-failed"] = ConditionFailed,
            ["domain-blocked-for-registration"] = DomainBlockedForRegistration,
            ["too-many-team-invitations"] = TooManyTeamInvitations,
            ["bad-upstream"] = BadUpstream,
            ["user-group-invalid"] = UserGroupInvalid,
        };

        /// <summary>Wire's 403 labels that have an id of their own; any other 403 is <see cref="Forbidden"/>.</summary>
        public static readonly IReadOnlyDictionary<string, string> ForbiddenLabels = new Dictionary<string, string>
        {
            ["access-denied"] = AccessDenied,
            ["insufficient-permissions"] = InsufficientPermissions,
            ["code-authentication-required"] = CodeAuthenticationRequired,
            ["code-authentication-failed"] = CodeAuthenticationFailed,
            ["token-limit-reached"] = TokenLimitReached,
            ["no-team-member"] = NoTeamMember,
            ["invalid-credentials"] = InvalidCredentials,
            ["suspended"] = Suspended,
            ["pending-activation"] = PendingActivation,
            ["operation-denied"] = OperationDenied,
        };
    }
}
