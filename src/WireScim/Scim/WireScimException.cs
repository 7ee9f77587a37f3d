using System;

namespace WireScim.Scim
{
    /// <summary>One exception for everything Wire (or the way to it) can answer. Never carries a secret.</summary>
    public sealed class WireScimException : Exception
    {
        public WireScimException(WireScimErrorKind kind, string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ErrorId = errorId;
        }

        public WireScimErrorKind Kind { get; }

        /// <summary>Stable identifier for scripts and ErrorRecords, e.g. WireScim.UserNameTaken.</summary>
        public string ErrorId { get; }

        /// <summary>HTTP status, or null when no answer was received.</summary>
        public int? StatusCode { get; init; }

        /// <summary>SCIM scimType (uniqueness, invalidValue, invalidFilter, tooMany, ...).</summary>
        public string? ScimType { get; init; }

        /// <summary>SCIM detail text, or the Wire error message.</summary>
        public string? Detail { get; init; }

        /// <summary>Wire error label (scim-error, access-denied, token-limit-reached, ...).</summary>
        public string? Label { get; init; }

        /// <summary>How long the server asked to wait, from Retry-After.</summary>
        public TimeSpan? RetryAfter { get; init; }

        /// <summary>A short, sanitised excerpt of what the server sent, when it was not a known error shape.</summary>
        public string? ResponseExcerpt { get; init; }

        /// <summary>Whether sending the same request again may succeed.</summary>
        public bool IsTransient => Kind is WireScimErrorKind.Throttled or WireScimErrorKind.Timeout
            or WireScimErrorKind.ConnectionFailed or WireScimErrorKind.OutcomeUnknown
            || (Kind == WireScimErrorKind.ServerError && StatusCode is 500 or 502 or 503 or 504 && !IsRefusedUpstream);

        /// <summary>
        /// A 5xx that is Wire refusing the request for good: brig answered 400 to a check spar could not read
        /// (bad-upstream, as for a reserved handle), or a group member Wire does not accept (user-group-invalid).
        /// </summary>
        private bool IsRefusedUpstream =>
            Label == "user-group-invalid"
            || (Label == "bad-upstream" && Detail != null && Detail.IndexOf("(400,", StringComparison.Ordinal) >= 0);

        internal WireScimException WithMessage(string message) => new WireScimException(Kind, ErrorId, message, this)
        {
            StatusCode = StatusCode, ScimType = ScimType, Detail = Detail, Label = Label,
            RetryAfter = RetryAfter, ResponseExcerpt = ResponseExcerpt,
        };
    }
}
