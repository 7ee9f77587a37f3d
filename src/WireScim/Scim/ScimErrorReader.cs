using System;
using System.Text;
using System.Text.Json;

namespace WireScim.Scim
{
    /// <summary>Turns an unsuccessful answer into a <see cref="WireScimException"/>.</summary>
    /// <remarks>
    /// Wire answers errors in three shapes: the RFC 7644 error object (up to 5.23), that object serialised as a string
    /// inside Wire's {"code","label":"scim-error","message"} envelope (5.24 and later, issue #5434), and plain Wire
    /// errors {"code","label","message"} on the token API. Proxies in front of it answer HTML or plain text.
    /// A Wire error raised inside a SCIM handler (usually one passed on from brig) arrives as a SCIM error without
    /// scimType whose detail is that Wire error as a JSON string (wrapScimErrors in services/spar/src/Spar/Scim.hs):
    /// its label (email-exists, bad-upstream, user-group-invalid, ...) is the error's identity.
    /// </remarks>
    internal static class ScimErrorReader
    {
        /// <param name="resource">What the request was about: a conflict on a user names the attribute that is taken.</param>
        public static WireScimException Read(ScimResponse response, ScimResourceKind resource = ScimResourceKind.None)
        {
            string? scimType = null, detail = null, label = null;
            bool known = false, nested = false;
            if (LooksLikeJson(response.Body))
            {
                try
                {
                    using var document = JsonDocument.Parse(response.Body);
                    known = ReadJsonError(document.RootElement, ref scimType, ref detail, ref label);
                    if (known && scimType == null && label is null or "scim-error") nested = ReadNestedWireError(ref detail, ref label);
                }
                catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException) { }
            }
            // Everything taken from the body is bounded and printable before it goes into ids and messages.
            scimType = scimType == null ? null : SafeText.Sanitise(scimType, 60);
            label = label == null ? null : SafeText.Sanitise(label, 60);
            var excerpt = known ? null : SafeText.Excerpt(response.Body);
            var (kind, errorId) = Classify(response.Status, scimType, detail, label, resource);
            if (nested && response.Status != 401 && ErrorIds.NestedLabels.TryGetValue(label!, out var nestedId)) errorId = nestedId;
            var message = new StringBuilder();
            message.Append("Wire answered ").Append(response.Status).Append(' ').Append(ReasonPhrase(response.Status));
            if (scimType != null) message.Append(" (").Append(scimType).Append(')');
            else if (label != null) message.Append(" (").Append(label).Append(')');
            if (detail != null) message.Append(": ").Append(SafeText.Sanitise(detail, 500));
            else if (excerpt != null)
                message.Append(excerpt.Length == 0
                    ? " with an empty body"
                    : $" with {DescribeContentType(response.ContentType)}: \"{excerpt}\"");
            message.Append(response.RequestSuffix);
            // An answer that is not Wire's own error shape usually means the address does not lead to Wire's API.
            if (response.Status == 404 && excerpt != null)
                message.Append(". Check the address given to Connect-WireScim -Uri: Wire's SCIM API is at https://<host>/scim/v2.");
            return new WireScimException(kind, errorId, message.ToString())
            {
                StatusCode = response.Status,
                ScimType = scimType,
                Detail = detail == null ? null : SafeText.Sanitise(detail, 2000),
                Label = label,
                RetryAfter = response.RetryAfter,
                ResponseExcerpt = excerpt,
            };
        }

        private static bool ReadJsonError(JsonElement root, ref string? scimType, ref string? detail, ref string? label)
        {
            if (root.ValueKind != JsonValueKind.Object) return false;
            string? message = null;
            bool hasScimShape = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "label": label = UserJson.StringOf(property.Value); break;
                    case "message": message = UserJson.StringOf(property.Value); break;
                    case "scimtype": scimType = UserJson.StringOf(property.Value); hasScimShape = true; break;
                    case "detail": detail = UserJson.StringOf(property.Value); hasScimShape = true; break;
                    case "schemas": hasScimShape = true; break;
                }
            }
            if (label == "scim-error" && message != null && LooksLikeJson(message))
            {
                try
                {
                    using var inner = JsonDocument.Parse(message);
                    string? innerLabel = null;
                    if (ReadJsonError(inner.RootElement, ref scimType, ref detail, ref innerLabel)) return true;
                }
                catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException) { }
            }
            if (hasScimShape) return true;
            if (label != null || message != null)
            {
                detail = message;
                return true;
            }
            return false;
        }

        /// <summary>Replaces a SCIM detail that is a Wire error {"code","label","message"} by its message, and takes its label.</summary>
        private static bool ReadNestedWireError(ref string? detail, ref string? label)
        {
            if (detail == null || !LooksLikeJson(detail)) return false;
            using var inner = JsonDocument.Parse(detail);
            var root = inner.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out _)
                || !root.TryGetProperty("label", out var innerLabel) || innerLabel.ValueKind != JsonValueKind.String
                || innerLabel.GetString()!.Length == 0)
                return false;
            label = innerLabel.GetString();
            detail = root.TryGetProperty("message", out var message) ? UserJson.StringOf(message) : null;
            return true;
        }

        private static (WireScimErrorKind, string) Classify(int status, string? scimType, string? detail, string? label, ScimResourceKind resource)
        {
            switch (status)
            {
                case 401: return (WireScimErrorKind.TokenRejected, ErrorIds.TokenRejected);
                case 403: return (WireScimErrorKind.Forbidden, label != null && ErrorIds.ForbiddenLabels.TryGetValue(label, out var id) ? id : ErrorIds.Forbidden);
                case 404: return (WireScimErrorKind.NotFound, label == "not-found" && detail?.Contains("IdP") == true ? ErrorIds.IdentityProviderNotFound : ErrorIds.NotFound);
                case 409:
                    if (resource == ScimResourceKind.Group) return (WireScimErrorKind.Conflict, ErrorIds.GroupConflict);
                    if (detail != null && detail.IndexOf("externalId", StringComparison.OrdinalIgnoreCase) >= 0)
                        return (WireScimErrorKind.Conflict, ErrorIds.ExternalIdTaken);
                    if (detail != null && detail.IndexOf("userName", StringComparison.OrdinalIgnoreCase) >= 0)
                        return (WireScimErrorKind.Conflict, ErrorIds.UserNameTaken);
                    return (WireScimErrorKind.Conflict, ErrorIds.Conflict);
                case 413: return (WireScimErrorKind.PayloadTooLarge, ErrorIds.RequestTooLarge);
                case 420:
                case 429: return (WireScimErrorKind.Throttled, label == "too-many-requests" ? ErrorIds.TooManyRequests : ErrorIds.Throttled);
            }
            if (status >= 500) return (WireScimErrorKind.ServerError, ErrorIds.ServerError);
            if (status >= 300 && status < 400) return (WireScimErrorKind.Redirect, ErrorIds.Redirect);
            if (label == "more-than-one-idp") return (WireScimErrorKind.InvalidRequest, ErrorIds.MoreThanOneIdp);
            return scimType switch
            {
                "tooMany" => (WireScimErrorKind.InvalidRequest, ErrorIds.FilterRequired),
                "invalidFilter" => (WireScimErrorKind.InvalidRequest, ErrorIds.InvalidFilter),
                "invalidValue" => (WireScimErrorKind.InvalidRequest, ErrorIds.InvalidValue),
                "mutability" => (WireScimErrorKind.InvalidRequest, ErrorIds.Mutability),
                "invalidPath" => (WireScimErrorKind.InvalidRequest, ErrorIds.InvalidPath),
                _ => (WireScimErrorKind.InvalidRequest, ErrorIds.BadRequest),
            };
        }

        private static bool LooksLikeJson(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c)) continue;
                return c == '{' || c == '[';
            }
            return false;
        }

        private static string DescribeContentType(string? contentType) =>
            string.IsNullOrEmpty(contentType) ? "a body without content type" : $"'{SafeText.Sanitise(contentType!, 60)}'";

        internal static string ReasonPhrase(int status) => status switch
        {
            200 => "OK", 201 => "Created", 204 => "No Content",
            301 => "Moved Permanently", 302 => "Found", 307 => "Temporary Redirect", 308 => "Permanent Redirect",
            400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
            405 => "Method Not Allowed", 406 => "Not Acceptable", 409 => "Conflict", 413 => "Payload Too Large",
            415 => "Unsupported Media Type", 420 => "Enhance Your Calm", 429 => "Too Many Requests",
            500 => "Internal Server Error", 502 => "Bad Gateway", 503 => "Service Unavailable", 504 => "Gateway Timeout",
            _ => string.Empty,
        };
    }
}
