using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>
    /// What every client of one SCIM resource type (/scim/v2/Users, /scim/v2/Groups) shares: sending with the token,
    /// accepting only the expected statuses, reading Wire's error bodies for this resource kind, PatchOp requests,
    /// and clear errors for answers that cannot be read.
    /// </summary>
    internal abstract class ScimResourceClient
    {
        protected static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private readonly IScimTransport _transport;
        private readonly SecureString _token;

        /// <param name="endpoint">The resource's collection, relative to the SCIM base: "Users" or "Groups".</param>
        protected ScimResourceClient(IScimTransport transport, WireUri uri, SecureString token, string endpoint, ScimResourceKind kind)
        {
            _transport = transport;
            _token = token;
            Collection = new Uri(uri.Scim, endpoint);
            Kind = kind;
        }

        protected Uri Collection { get; }
        protected ScimResourceKind Kind { get; }

        protected Task<ScimResponse> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken) =>
            _transport.SendAsync(new ScimRequest(method, uri, body, _token), cancellationToken);

        /// <summary>The resource at <paramref name="id"/>, which must be a UUID (Wire's ids are).</summary>
        protected Uri ResourceUri(string id)
        {
            if (!Guid.TryParse(id, out var parsed))
                throw new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.InvalidId,
                    $"'{SafeText.Sanitise(id, 80)}' is not a Wire {Noun} id. Ids are UUIDs such as f5a361e7-d185-4fee-b290-bdb08f2291ac{IdHint}.");
            return new Uri(Collection + "/" + parsed.ToString("D"));
        }

        /// <summary>What to use instead of an id, for the invalid-id message (", to find ... use -UserName").</summary>
        protected virtual string IdHint => string.Empty;

        private string Noun => Kind == ScimResourceKind.Group ? "group" : "user";

        /// <summary>Sends a PatchOp with the given operations to the resource and returns the answer, whatever its status.</summary>
        protected Task<ScimResponse> SendPatchAsync(string id, IReadOnlyList<ScimPatchOperation> operations, CancellationToken cancellationToken) =>
            SendAsync(Patch, ResourceUri(id), ScimPatchOperation.Write(operations), cancellationToken);

        /// <summary>The answer when its status is one of <paramref name="statuses"/> and it is not an error body; else Wire's error.</summary>
        protected ScimResponse Expect(ScimResponse response, params int[] statuses)
        {
            if (Array.IndexOf(statuses, response.Status) >= 0 && !IsErrorBody(response)) return response;
            throw ScimErrorReader.Read(response, Kind);
        }

        /// <summary>A 2xx that carries a SCIM error object is an error, whatever its status says.</summary>
        private static bool IsErrorBody(ScimResponse response) =>
            response.Body.IndexOf(ScimSchemas.Error, StringComparison.Ordinal) >= 0
            && response.Body.IndexOf("\"id\"", StringComparison.OrdinalIgnoreCase) < 0;

        /// <summary>Reads the body with <paramref name="read"/>; a body it cannot read is Wire's error, not ours.</summary>
        protected static T Read<T>(ScimResponse response, string expected, Func<string, T> read)
        {
            try
            {
                return read(response.Body);
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException or FormatException)
            {
                throw Unreadable(response, expected, error);
            }
        }

        protected static WireScimException Unreadable(ScimResponse response, string expected, Exception error)
        {
            var excerpt = SafeText.Excerpt(response.Body);
            var received = excerpt.Length == 0 ? "an empty body" : $"'{response.ContentType}' \"{excerpt}\"";
            return new WireScimException(WireScimErrorKind.BadResponse, ErrorIds.BadResponse,
                $"Wire answered {response.Status} {ScimErrorReader.ReasonPhrase(response.Status)} but not with {expected}: received {received}{response.RequestSuffix}.", error)
            { StatusCode = response.Status, ResponseExcerpt = excerpt };
        }
    }
}
