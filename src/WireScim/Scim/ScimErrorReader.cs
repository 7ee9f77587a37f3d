using System;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WireScim.Scim
{
    /// <summary>Turns an unsuccessful answer into a <see cref="WireScimException"/>.</summary>
    /// <remarks>
    /// Wire answers errors in three shapes: the RFC 7644 error object (up to 5.23), that object serialised as a string
    /// inside Wire's {"code","label":"scim-error","message"} envelope (5.24 and later, issue #5434), and plain Wire
    /// errors {"code","label","message"} on the token API. Proxies in front of it answer HTML or plain text.
    /// </remarks>
    internal static class ScimErrorReader
    {
        private const int ExcerptLength = 200;

        public static WireScimException Read(ScimResponse response)
        {
            string? scimType = null, detail = null, label = null;
            bool known = false;
            if (LooksLikeJson(response.Body))
            {
                try
                {
                    using var document = JsonDocument.Parse(response.Body);
                    known = ReadJsonError(document.RootElement, ref scimType, ref detail, ref label);
                }
                catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException) { }
            }
            // Everything taken from the body is bounded and printable before it goes into ids and messages.
            scimType = scimType == null ? null : Sanitise(scimType, 60);
            label = label == null ? null : Sanitise(label, 60);
            var excerpt = known ? null : Excerpt(response.Body);
            var (kind, errorId) = Classify(response.Status, scimType, detail, label);
            var message = new StringBuilder();
            message.Append("Wire answered ").Append(response.Status).Append(' ').Append(ReasonPhrase(response.Status));
            if (scimType != null) message.Append(" (").Append(scimType).Append(')');
            else if (label != null) message.Append(" (").Append(label).Append(')');
            if (detail != null) message.Append(": ").Append(Sanitise(detail, 500));
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
                Detail = detail == null ? null : Sanitise(detail, 2000),
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

        private static (WireScimErrorKind, string) Classify(int status, string? scimType, string? detail, string? label)
        {
            switch (status)
            {
                case 401: return (WireScimErrorKind.TokenRejected, "WireScim.TokenRejected");
                case 403: return (WireScimErrorKind.Forbidden, "WireScim." + LabelId(label ?? "Forbidden"));
                case 404: return (WireScimErrorKind.NotFound, label == "not-found" && detail?.Contains("IdP") == true ? "WireScim.IdentityProviderNotFound" : "WireScim.NotFound");
                case 409:
                    if (detail != null && detail.IndexOf("externalId", StringComparison.OrdinalIgnoreCase) >= 0)
                        return (WireScimErrorKind.Conflict, "WireScim.ExternalIdTaken");
                    if (detail != null && detail.IndexOf("userName", StringComparison.OrdinalIgnoreCase) >= 0)
                        return (WireScimErrorKind.Conflict, "WireScim.UserNameTaken");
                    return (WireScimErrorKind.Conflict, "WireScim.Conflict");
                case 413: return (WireScimErrorKind.PayloadTooLarge, "WireScim.RequestTooLarge");
                case 420:
                case 429: return (WireScimErrorKind.Throttled, label == "too-many-requests" ? "WireScim.TooManyRequests" : "WireScim.Throttled");
            }
            if (status >= 500) return (WireScimErrorKind.ServerError, "WireScim.ServerError");
            if (status >= 300 && status < 400) return (WireScimErrorKind.Redirect, "WireScim.Redirect");
            if (label == "more-than-one-idp") return (WireScimErrorKind.InvalidRequest, "WireScim.MoreThanOneIdp");
            return scimType switch
            {
                "tooMany" => (WireScimErrorKind.InvalidRequest, "WireScim.FilterRequired"),
                "invalidFilter" => (WireScimErrorKind.InvalidRequest, "WireScim.InvalidFilter"),
                "invalidValue" => (WireScimErrorKind.InvalidRequest, "WireScim.InvalidValue"),
                "mutability" => (WireScimErrorKind.InvalidRequest, "WireScim.Mutability"),
                "invalidPath" => (WireScimErrorKind.InvalidRequest, "WireScim.InvalidPath"),
                _ => (WireScimErrorKind.InvalidRequest, "WireScim.BadRequest"),
            };
        }

        private static string LabelId(string label)
        {
            var id = new StringBuilder();
            bool upper = true;
            foreach (var c in label)
            {
                if (!char.IsLetterOrDigit(c)) { upper = true; continue; }
                id.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            return id.Length == 0 || id.Length > 40 ? "Forbidden" : id.ToString();
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
            string.IsNullOrEmpty(contentType) ? "a body without content type" : $"'{Sanitise(contentType!, 60)}'";

        private static readonly Regex Tags = new Regex("<[^>]*>", RegexOptions.Compiled);
        private static readonly Regex Space = new Regex(@"\s+", RegexOptions.Compiled);
        // SCIM tokens are 44 base64 characters; bearer values and long base64 runs are masked wherever they appear.
        private static readonly Regex SecretLike = new Regex(@"(?i:bearer\s+)\S+|[A-Za-z0-9+/]{32,}={0,2}", RegexOptions.Compiled);

        /// <summary>A short, printable, secret-free excerpt of an unexpected body (HTML tags and whitespace folded).</summary>
        public static string Excerpt(string body) => Sanitise(Tags.Replace(body, " "), ExcerptLength);

        public static string Sanitise(string text, int maxLength)
        {
            // Fold and mask first, cut last: a cut before masking could leave part of a secret too short to recognise.
            if (text.Length > 64 * 1024) text = text.Substring(0, 64 * 1024);
            var builder = new StringBuilder(text.Length);
            foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
            var folded = Space.Replace(builder.ToString(), " ").Trim();
            folded = SecretLike.Replace(folded, match => match.Value.StartsWith("bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : "***");
            return folded.Length <= maxLength ? folded : folded.Substring(0, maxLength) + "...";
        }

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
