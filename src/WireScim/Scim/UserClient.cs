using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>The /scim/v2/Users endpoints as Wire serves them.</summary>
    internal sealed class UserClient : ScimResourceClient
    {
        public UserClient(IScimTransport transport, WireUri uri, SecureString token)
            : base(transport, uri, token, "Users", ScimResourceKind.User)
        {
        }

        protected override string IdHint => "; to find a user by handle or externalId use -UserName or -ExternalId";

        public async Task<User> CreateAsync(User user, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Post, Collection, UserJson.Write(user), cancellationToken).ConfigureAwait(false);
            return ReadUser(Expect(response, 201, 200));
        }

        /// <returns>The user, or null when Wire answers 404.</returns>
        public async Task<User?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Get, ResourceUri(id), null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404) return null;
            return ReadUser(Expect(response, 200));
        }

        public Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken) =>
            FindAsync("userName", userName, cancellationToken);

        public Task<User?> FindByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
            FindAsync("externalId", externalId, cancellationToken);

        private async Task<User?> FindAsync(string attribute, string value, CancellationToken cancellationToken)
        {
            var uri = new Uri(Collection + "?" + ScimFilter.EqualsQuery(attribute, value));
            var response = Expect(await SendAsync(HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false), 200);
            return Read(response, "a SCIM list response", FirstResource);
        }

        private static User? FirstResource(string body)
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!string.Equals(property.Name, "Resources", StringComparison.OrdinalIgnoreCase)) continue;
                if (property.Value.ValueKind != JsonValueKind.Array) break;
                foreach (var resource in property.Value.EnumerateArray()) return UserJson.Read(resource);
                return null;
            }
            return null;
        }

        public async Task<User> ReplaceAsync(string id, User user, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Put, ResourceUri(id), UserJson.Write(user), cancellationToken).ConfigureAwait(false);
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

        /// <summary>Hard delete. Wire answers 204 whether or not the user existed.</summary>
        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Delete, ResourceUri(id), null, cancellationToken).ConfigureAwait(false);
            Expect(response, 204, 200);
        }

        private static User ReadUser(ScimResponse response) => Read(response, "a SCIM user", body =>
        {
            var user = UserJson.Read(body);
            return string.IsNullOrEmpty(user.Id) ? throw new JsonException("the user has no id") : user;
        });
    }
}
