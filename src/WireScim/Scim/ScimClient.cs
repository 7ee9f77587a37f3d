using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>The /scim/v2/Users endpoints as Wire serves them.</summary>
    internal sealed class ScimClient
    {
        private static readonly HttpMethod Patch = new HttpMethod("PATCH");
        private readonly IScimTransport _transport;
        private readonly Uri _usersBase;
        private readonly SecureString _token;

        public ScimClient(IScimTransport transport, WireUri uri, SecureString token)
        {
            _transport = transport;
            _usersBase = new Uri(uri.Scim, "Users");
            _token = token;
        }

        public async Task<User> CreateAsync(User user, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Post, _usersBase, UserJson.Write(user), cancellationToken).ConfigureAwait(false);
            return ReadUser(Expect(response, 201, 200));
        }

        /// <returns>The user, or null when Wire answers 404.</returns>
        public async Task<User?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Get, UserUri(id), null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404) return null;
            return ReadUser(Expect(response, 200));
        }

        public Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken) =>
            FindAsync("userName", userName, cancellationToken);

        public Task<User?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
            FindAsync("externalId", externalId, cancellationToken);

        private async Task<User?> FindAsync(string attribute, string value, CancellationToken cancellationToken)
        {
            var uri = new Uri(_usersBase + "?" + ScimFilter.EqualsQuery(attribute, value));
            var response = await SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
            Expect(response, 200);
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!string.Equals(property.Name, "Resources", StringComparison.OrdinalIgnoreCase)) continue;
                    if (property.Value.ValueKind != JsonValueKind.Array) break;
                    foreach (var resource in property.Value.EnumerateArray()) return UserJson.Read(resource);
                    return null;
                }
                return null;
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException)
            {
                throw Unreadable(response, "a SCIM list response", error);
            }
        }

        public async Task<User> ReplaceAsync(string id, User user, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Put, UserUri(id), UserJson.Write(user), cancellationToken).ConfigureAwait(false);
            return ReadUser(Expect(response, 200));
        }

        /// <summary>Sets only 'active' with one PATCH, leaving every other attribute as it is.</summary>
        public async Task<User> SetActiveAsync(string id, bool active, CancellationToken cancellationToken)
        {
            var response = await SendPatchAsync(id, new[] { ScimPatchOperation.Replace("active", active) }, cancellationToken).ConfigureAwait(false);
            return ReadUser(Expect(response, 200));
        }

        /// <summary>Applies the operations in one PATCH; Wire starts from the stored user, so nothing else changes.</summary>
        /// <returns>The user as Wire has it afterwards, or null when Wire answers 404 (the user is not there).</returns>
        public async Task<User?> TryPatchAsync(string id, IReadOnlyList<ScimPatchOperation> operations, CancellationToken cancellationToken)
        {
            var response = await SendPatchAsync(id, operations, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404) return null;
            return ReadUser(Expect(response, 200));
        }

        private Task<ScimResponse> SendPatchAsync(string id, IReadOnlyList<ScimPatchOperation> operations, CancellationToken cancellationToken) =>
            SendAsync(Patch, UserUri(id), WritePatch(operations), cancellationToken);

        private static byte[] WritePatch(IReadOnlyList<ScimPatchOperation> operations)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("schemas");
                writer.WriteStringValue(ScimSchemas.PatchOp);
                writer.WriteEndArray();
                writer.WriteStartArray("Operations");
                foreach (var operation in operations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("op", operation.Op);
                    writer.WriteString("path", operation.Path);
                    switch (operation.Value)
                    {
                        case string text: writer.WriteString("value", text); break;
                        case bool flag: writer.WriteBoolean("value", flag); break;
                        case IReadOnlyList<string> list:
                            writer.WriteStartArray("value");
                            foreach (var item in list) writer.WriteStringValue(item);
                            writer.WriteEndArray();
                            break;
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>Hard delete. Wire answers 204 whether or not the user existed.</summary>
        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Delete, UserUri(id), null, cancellationToken).ConfigureAwait(false);
            Expect(response, 204, 200);
        }

        private Task<ScimResponse> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken) =>
            _transport.SendAsync(new ScimRequest(method, uri, body, _token), cancellationToken);

        private Uri UserUri(string id)
        {
            if (!Guid.TryParse(id, out var parsed))
                throw new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.InvalidId",
                    $"'{ScimErrorReader.Sanitise(id, 80)}' is not a Wire user id. Ids are UUIDs such as f5a361e7-d185-4fee-b290-bdb08f2291ac; to find a user by handle or externalId use -UserName or -ExternalId.");
            return new Uri(_usersBase + "/" + parsed.ToString("D"));
        }

        private static ScimResponse Expect(ScimResponse response, params int[] statuses)
        {
            if (Array.IndexOf(statuses, response.Status) >= 0 && !IsErrorBody(response)) return response;
            throw ScimErrorReader.Read(response);
        }

        /// <summary>A 2xx that carries a SCIM error object is an error, whatever its status says.</summary>
        private static bool IsErrorBody(ScimResponse response) =>
            response.Body.IndexOf(ScimSchemas.Error, StringComparison.Ordinal) >= 0
            && response.Body.IndexOf("\"id\"", StringComparison.OrdinalIgnoreCase) < 0;

        private static User ReadUser(ScimResponse response)
        {
            try
            {
                var user = UserJson.Read(response.Body);
                if (string.IsNullOrEmpty(user.Id)) throw new JsonException("the user has no id");
                return user;
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException or ArgumentException)
            {
                throw Unreadable(response, "a SCIM user", error);
            }
        }

        private static WireScimException Unreadable(ScimResponse response, string expected, Exception error)
        {
            var excerpt = ScimErrorReader.Excerpt(response.Body);
            var received = excerpt.Length == 0 ? "an empty body" : $"'{response.ContentType}' \"{excerpt}\"";
            return new WireScimException(WireScimErrorKind.BadResponse, "WireScim.BadResponse",
                $"Wire answered {response.Status} {ScimErrorReader.ReasonPhrase(response.Status)} but not with {expected}: received {received}{response.RequestSuffix}.", error)
            { StatusCode = response.Status, ResponseExcerpt = excerpt };
        }
    }
}
