using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>The /scim/v2/Groups endpoints as Wire serves them from release 5.24 (no PATCH: Wire answers it with 500).</summary>
    internal sealed class GroupClient : ScimResourceClient
    {
        private readonly Uri _scimBase;

        public GroupClient(IScimTransport transport, WireUri uri, SecureString token)
            : base(transport, uri, token, "Groups", ScimResourceKind.Group)
        {
            _scimBase = uri.Scim;
        }

        protected override string IdHint => "; to find a group by name use Get-WireScimGroup -DisplayName, or pass the name to -Group";

        /// <summary>Where Wire is, for keys that must not mix groups of two instances.</summary>
        public string Instance => _scimBase.ToString();

        public async Task<Group> CreateAsync(string displayName, IEnumerable<string> memberIds, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Post, Collection, GroupJson.Write(displayName, memberIds, _scimBase), cancellationToken).ConfigureAwait(false);
            return ReadGroup(ExpectGroups(response, 201, 200));
        }

        /// <returns>The group, or null when Wire has no group with this id in the team.</returns>
        public async Task<Group?> GetAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Get, ResourceUri(id), null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && IsWireError(response)) return null;
            return ReadGroup(ExpectGroups(response, 200));
        }

        /// <summary>Replaces name and members (Wire's only way to change a group). 404: no such SCIM-managed group, or an added member is missing or pending.</summary>
        public async Task<Group> ReplaceAsync(string id, string displayName, IEnumerable<string> memberIds, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Put, ResourceUri(id), GroupJson.Write(displayName, memberIds, _scimBase), cancellationToken).ConfigureAwait(false);
            if (response.Status == 404 && IsWireError(response)) throw ScimErrorReader.Read(response, Kind);
            return ReadGroup(ExpectGroups(response, 200));
        }

        /// <summary>Wire answers 204 also for ids it does not know; 403 for a group made in Team Settings.</summary>
        public async Task DeleteAsync(string id, CancellationToken cancellationToken)
        {
            var response = await SendAsync(HttpMethod.Delete, ResourceUri(id), null, cancellationToken).ConfigureAwait(false);
            ExpectGroups(response, 204, 200);
        }

        /// <summary>One page of SCIM-managed groups, optionally only those whose name contains <paramref name="nameContains"/> (any case; '%' and '_' are wildcards).</summary>
        public async Task<(GroupPage Page, int Characters)> ListPageAsync(string? nameContains, int startIndex, int count, CancellationToken cancellationToken)
        {
            var query = "startIndex=" + startIndex + "&count=" + count;
            if (nameContains != null) query = ScimFilter.ContainsQuery("displayName", nameContains) + "&" + query;
            var response = ExpectGroups(await SendAsync(HttpMethod.Get, new Uri(Collection + "?" + query), null, cancellationToken).ConfigureAwait(false), 200);
            return (Read(response, "a SCIM list response of groups", GroupJson.ReadPage), response.Body.Length);
        }

        /// <summary>
        /// Like <see cref="ScimResourceClient.Expect"/>, and a 404 without a SCIM or Wire error body means the route
        /// itself is missing: Wire up to release 5.23 has no /Groups at all.
        /// </summary>
        private ScimResponse ExpectGroups(ScimResponse response, params int[] statuses)
        {
            if (response.Status == 404 && !IsWireError(response))
                throw new WireScimException(WireScimErrorKind.NotSupported, ErrorIds.GroupsNotSupported,
                    "This Wire does not serve SCIM groups: /scim/v2/Groups answered 404 Not Found without a SCIM error, which is what Wire releases before 5.24 do. "
                    + "Groups need Wire 5.24 or later (5.25 or later to page through them); ask the operator of this Wire instance to upgrade.")
                { StatusCode = 404 };
            return Expect(response, statuses);
        }

        private bool IsWireError(ScimResponse response)
        {
            var error = ScimErrorReader.Read(response, Kind);
            return error.Detail != null || error.ScimType != null || error.Label != null;
        }

        private static Group ReadGroup(ScimResponse response)
        {
            var group = Read(response, "a SCIM group", GroupJson.Read);
            if (string.IsNullOrEmpty(group.Id)) throw Unreadable(response, "a SCIM group", new System.Text.Json.JsonException("the group has no id"));
            return group;
        }
    }
}
