namespace WireScim.Scim
{
    /// <summary>What kind of failure a <see cref="WireScimException"/> is, for callers that branch on it.</summary>
    public enum WireScimErrorKind
    {
        InvalidRequest,
        NotFound,
        Conflict,
        TokenRejected,
        Forbidden,
        PayloadTooLarge,
        Throttled,
        ServerError,
        Timeout,
        ConnectionFailed,
        /// <summary>The request may or may not have reached the server (reset or timeout after sending).</summary>
        OutcomeUnknown,
        /// <summary>The server answered with something that is not a usable SCIM/Wire response.</summary>
        BadResponse,
        Redirect,
        Canceled,
        /// <summary>A run of requests got no answer at all: the command stops (see ConnectionBreaker).</summary>
        Unreachable,
        /// <summary>The server does not speak the protocol of the address (https against a plain http server, TLS failure).</summary>
        ProtocolMismatch,
        /// <summary>The request cannot be sent as it is (a token with a line break or a non-ASCII character).</summary>
        Unsendable,
        /// <summary>This Wire release does not offer what was asked (SCIM groups before 5.24).</summary>
        NotSupported,
    }
}
