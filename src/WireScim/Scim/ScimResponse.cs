using System;

namespace WireScim.Scim
{
    /// <summary>An HTTP answer reduced to what the client needs: status, content type, body text, Retry-After.</summary>
    internal sealed class ScimResponse
    {
        public ScimResponse(int status, string? contentType, string body, TimeSpan? retryAfter)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
            RetryAfter = retryAfter;
        }

        public int Status { get; }
        public string? ContentType { get; }
        public string Body { get; }
        public TimeSpan? RetryAfter { get; }
        public bool IsSuccess => Status >= 200 && Status < 300;

        /// <summary>The request answered, for error messages (method and URL without query); null in unit fakes.</summary>
        public ScimRequest? Request { get; init; }

        /// <summary>" (request: GET https://host/scim/v2/Users)", or empty when the request is not known.</summary>
        public string RequestSuffix => Request == null ? string.Empty : $" (request: {Request})";
    }
}
