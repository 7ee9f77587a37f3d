using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;
using Xunit;

namespace WireScim.Tests.Units
{
    public class GroupClientAndJsonTests
    {
        private static readonly WireUri Wire = WireUri.Parse("https://wire.example.com");

        private static GroupClient Client(IScimTransport transport) => new GroupClient(transport, Wire, SecretText.Protect("test-token"));

        [Fact]
        public void Every_member_is_written_with_value_type_and_ref()
        {
            var id = "0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
            using var json = JsonDocument.Parse(GroupJson.Write("Sales", new[] { id }, Wire.Scim));
            var root = json.RootElement;
            Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Group", root.GetProperty("schemas")[0].GetString());
            Assert.Equal("Sales", root.GetProperty("displayName").GetString());
            var member = root.GetProperty("members")[0];
            Assert.Equal(id, member.GetProperty("value").GetString());
            Assert.Equal("User", member.GetProperty("type").GetString());
            Assert.Equal("https://wire.example.com/scim/v2/Users/" + id, member.GetProperty("$ref").GetString());
            Assert.False(root.TryGetProperty("externalId", out _));
        }

        [Fact]
        public void An_empty_group_is_written_with_an_empty_members_array()
        {
            using var json = JsonDocument.Parse(GroupJson.Write("Empty", Array.Empty<string>(), Wire.Scim));
            Assert.Equal(0, json.RootElement.GetProperty("members").GetArrayLength());
        }

        [Fact]
        public void Reading_takes_any_key_case_and_normalises_member_ids()
        {
            var group = GroupJson.Read("{\"ID\":\"7f000000-0000-4000-8000-000000000001\",\"DisplayName\":\"Ops\",\"Members\":[{\"Value\":\"0B4C7F5E-1D2A-4C3B-9E8F-7A6B5C4D3E2F\",\"type\":\"User\",\"$ref\":\"x\"}],"
                + "\"meta\":{\"created\":\"2026-04-11T12:00:00.123Z\",\"lastModified\":\"2026-04-11T12:00:00.123Z\",\"version\":\"W/\\\"v1\\\"\"}}");
            Assert.Equal("Ops", group.DisplayName);
            Assert.Equal(new[] { "0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" }, group.Members);
            Assert.Equal("W/\"v1\"", group.Version);
            Assert.Equal(new DateTime(2026, 4, 11, 12, 0, 0, 123, DateTimeKind.Utc), group.Created);
        }

        [Theory]
        [InlineData("Sales", "Sales")]
        [InlineData("Sales_EU", "Sales")]
        [InlineData("a_b%cdef", "cdef")]
        [InlineData(@"x\yz", "yz")]
        [InlineData("__%", "")]
        public void The_name_search_uses_the_longest_run_without_wildcards(string name, string expected) =>
            Assert.Equal(expected, ScimFilter.LiteralRunOf(name));

        [Fact]
        public void The_contains_filter_is_quoted_and_encoded()
        {
            Assert.Equal("filter=" + Uri.EscapeDataString("displayName co \"R&D \\\"x\\\" +1\""), ScimFilter.ContainsQuery("displayName", "R&D \"x\" +1"));
        }

        [Fact]
        public async Task A_404_without_a_SCIM_error_names_the_release_that_brings_groups()
        {
            var transport = new ScriptedTransport().ThenRespond(404, "", contentType: "text/plain");
            var error = await Assert.ThrowsAsync<WireScimException>(() => Client(transport).ListPageAsync(null, 1, 10, CancellationToken.None));
            Assert.Equal(WireScimErrorKind.NotSupported, error.Kind);
            Assert.Equal("WireScim.GroupsNotSupported", error.ErrorId);
            Assert.Contains("5.24", error.Message);
        }

        [Fact]
        public async Task A_404_with_Wires_error_is_a_missing_group_not_a_missing_route()
        {
            var transport = new ScriptedTransport().ThenRespond(404,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\",\"detail\":\"Group 7f000000-0000-4000-8000-000000000001 not found\"}");
            Assert.Null(await Client(transport).GetAsync("7f000000-0000-4000-8000-000000000001", CancellationToken.None));
        }

        [Fact]
        public async Task A_name_that_is_not_an_id_is_refused_before_sending()
        {
            var transport = new ScriptedTransport();
            var error = await Assert.ThrowsAsync<WireScimException>(() => Client(transport).GetAsync("Sales", CancellationToken.None));
            Assert.Equal("WireScim.InvalidId", error.ErrorId);
            Assert.Equal(0, transport.Calls);
        }

        [Fact]
        public async Task Pages_follow_startIndex_until_totalResults()
        {
            var server = new FakeGroupServer();
            for (int i = 0; i < 7; i++) server.Add("G" + i);
            var pager = new GroupPager(Client(server), null, firstPageSize: 3);
            var all = await pager.AllAsync(CancellationToken.None);
            Assert.Equal(7, all.Select(g => g.Id).Distinct().Count());
            Assert.All(server.Requests, request => Assert.Contains("count=", request));
        }

        [Fact]
        public async Task Pages_shrink_so_that_each_answer_fits_the_response_cap()
        {
            var server = new FakeGroupServer { MemberPadding = 100, ResponseCap = 40_000 };
            var members = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid().ToString("D")).ToArray();
            for (int i = 0; i < 30; i++) server.Add("G" + i, members);
            var pager = new GroupPager(Client(server), null, responseCapBytes: 40_000, firstPageSize: 30);
            var all = await pager.AllAsync(CancellationToken.None);
            Assert.Equal(30, all.Count);
            Assert.All(all, group => Assert.Equal(50, group.MemberCount));
        }

        [Fact]
        public async Task An_unpaged_answer_of_Wire_5_24_is_read_once()
        {
            var server = new FakeGroupServer { Unpaged = true };
            for (int i = 0; i < 12; i++) server.Add("G" + i);
            var pager = new GroupPager(Client(server), null, firstPageSize: 5);
            var all = await pager.AllAsync(CancellationToken.None);
            Assert.Equal(12, all.Count);
            Assert.True(pager.Unpaged);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Finding_by_name_compares_the_exact_name()
        {
            var server = new FakeGroupServer();
            var wanted = server.Add("Sales_EU");
            server.Add("sales_eu");
            server.Add("Sales EU");
            server.Add("Sales_EU old");
            var found = await Provisioning.GroupFinder.FindByNameAsync(Client(server), "Sales_EU", CancellationToken.None);
            Assert.Equal(new[] { wanted }, found.Select(g => g.Id));
            Assert.Contains(server.Requests, request => request.Contains(Uri.EscapeDataString("displayName co \"Sales\"")));
        }
    }
}
