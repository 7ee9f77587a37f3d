using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>The /scim/v2/Groups endpoints as Wire serves them from release 5.24 (no PATCH: Wire answers it with 500).</summary>
    internal sealed class GroupClient
    {
        private readonly IScimTransport _transport;
        private readonly Uri _scimBase;
        private readonly Uri _groupsBase;
        private readonly SecureString _token;

        public GroupClient(IScimTransport transport, WireUri uri, SecureString token)
        {
            _transport = transport;
            _scimBase = uri.Scim;
            _groupsBase = new Uri(uri.Scim, "Groups");
            _token = token;
        }

        /// <summary>Where Wire is, for keys that must not mix groups of two instances.</summary>
        public string Instance => _scimBase.ToString();

        public async Task<Group> CreateAsync(string displayName, IEnumerable<string> memberIds, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Post, _groupsBase, GroupJson.Write(displayName, memberIds, _scimBase), cancellationToken).ConfigureAwait(false);
            return ReadGroup(ExpectGroups(response, 201, 200));
        }

        /// <returns>The group, or null when Wire has no group with this id in the team.</returns>
        public async Task<Group?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Get, GroupUri(id), null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && IsWireError(response)) return null;
            return ReadGroup(ExpectGroups(response, 200));
        }

        /// <summary>Replaces name and members (Wire's only way to change a group). 404: no such SCIM-managed group, or an added member is missing or pending.</summary>
        public async Task<Group> ReplaceAsync(string id, string displayName, IEnumerable<string> memberIds, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Put, GroupUri(id), GroupJson.Write(displayName, memberIds, _scimBase), cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && IsWireError(response)) throw ScimErrorReader.Read(response);
            return ReadGroup(ExpectGroups(response, 200));
        }

        /// <summary>Wire answers 204 also for ids it does not know; 403 for a group made in Team Settings.</summary>
        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Delete, GroupUri(id), null, cancellationToken).ConfigureAwait(false);
            ExpectGroups(response, 204, 200);
        }

        /// <summary>One page of SCIM-managed groups, optionally only those whose name contains <paramref name="nameContains"/> (any case; '%' and '_' are wildcards).</summary>
        public async Task<(GroupPage Page, int Characters)> ListPageAsync(string? nameContains, int startIndex, int count, CancellationToken cancellationToken)
        {
            var query = "startIndex=" + startIndex + "&count=" + count;
            if (nameContains != null) query = ScimFilter.ContainsQuery("displayName", nameContains) + "&" + query;
            var response = await SendAsync(HttpMethod.Get, new Uri(_groupsBase + "?" + query), null, cancellationToken).ConfigureAwait(false);
            ExpectGroups(response, 200);
            try
            {
                return (GroupJson.ReadPage(response.Body), response.Body.Length);
            }
            catch (JsonException error)
            {
                throw ScimClient.Unreadable(response, "a SCIM list response of groups", error);
            }
        }

        private Task<ScimResponse> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken) =>
            _transport.SendAsync(new ScimRequest(method, uri, body, _token), cancellationToken);

        private Uri GroupUri(string id)
        {
            if (!Guid.TryParse(id, out var parsed))
                throw new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.InvalidGroupId",
                    $"'{ScimErrorReader.Sanitise(id, 80)}' is not a Wire group id. Ids are UUIDs such as 2c1e5b0a-7d4f-4e8a-9b3c-1d2e3f4a5b6c; to find a group by name use -DisplayName (Get-WireScimGroup) or pass the name to -Group.");
            return new Uri(_groupsBase + "/" + parsed.ToString("D"));
        }

        /// <summary>
        /// Like <see cref="ScimClient.Expect"/>, and a 404 without a SCIM or Wire error body means the route itself is
        /// missing: Wire up to release 5.23 has no /Groups at all.
        /// </summary>
        private static ScimResponse ExpectGroups(ScimResponse response, params int[] statuses)
        {
            if (response.Status == 404 && !IsWireError(response))
                throw new WireScimException(WireScimErrorKind.NotSupported, "WireScim.GroupsNotSupported",
                    "This Wire does not serve SCIM groups: /scim/v2/Groups answered 404 Not Found without a SCIM error, which is what Wire releases before 5.24 do. "
                    + "Groups need Wire 5.24 or later (5.25 or later to page through them); ask the operator of this Wire instance to upgrade.")
                { StatusCode = 404 };
            return ScimClient.Expect(response, statuses);
        }

        private static bool IsWireError(ScimResponse response)
        {
            var error = ScimErrorReader.Read(response);
            return error.Detail != null || error.ScimType != null || error.Label != null;
        }

        private static Group ReadGroup(ScimResponse response)
        {
            try
            {
                var group = GroupJson.Read(response.Body);
                if (string.IsNullOrEmpty(group.Id)) throw new JsonException("the group has no id");
                return group;
            }
            catch (JsonException error)
            {
                throw ScimClient.Unreadable(response, "a SCIM group", error);
            }
        }
    }
}
