using System;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;
using Xunit;

namespace WireScim.Tests.Units
{
    public class GroupMemberResolverTests
    {
        private const string Id = "0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";

        private static UserClient Users(IScimTransport transport) => new UserClient(transport, WireUri.Parse("https://wire.example.com"), SecretText.Protect("test-token"));

        private static string ListOf(string userJson) =>
            "{\"Resources\":[" + userJson + "],\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,\"itemsPerPage\":1,\"startIndex\":1}";

        private static string UserJson(bool active, string created, string lastModified) =>
            $"{{\"id\":\"{Id}\",\"userName\":\"jdoe\",\"externalId\":\"jdoe@example.com\",\"active\":{(active ? "true" : "false")},\"meta\":{{\"created\":\"{created}\",\"lastModified\":\"{lastModified}\"}}}}";

        [Fact]
        public async Task An_active_user_resolves_to_its_id_and_is_looked_up_once()
        {
            var transport = new ScriptedTransport().ThenRespond(200, ListOf(UserJson(true, "2020-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z")));
            var resolver = new GroupMemberResolver(Users(transport), TeamMode.Unknown, whatIf: false);
            var first = await resolver.ResolveAsync(new MemberReference(MemberKeyKind.UserName, "JDoe"), CancellationToken.None);
            var second = await resolver.ResolveAsync(new MemberReference(MemberKeyKind.UserName, "jdoe"), CancellationToken.None);
            Assert.True(first.IsEligible);
            Assert.Equal(Id, second.Id);
            Assert.Equal(1, transport.Calls);
        }

        [Fact]
        public async Task An_unknown_user_is_refused_before_any_group_request()
        {
            var transport = new ScriptedTransport().ThenRespond(200, "{\"Resources\":[],\"totalResults\":0}");
            var resolution = await new GroupMemberResolver(Users(transport), TeamMode.Unknown, false).ResolveAsync(new MemberReference(MemberKeyKind.ExternalId, "nobody@example.com"), CancellationToken.None);
            Assert.Equal("WireScim.MemberNotFound", resolution.Problem!.ErrorId);
        }

        [Fact]
        public async Task An_inactive_user_is_a_possible_pending_invitee_unless_the_token_is_SAML()
        {
            var inactive = UserJson(false, "2020-01-01T00:00:00.000Z", "2020-01-02T00:00:00.000Z");
            var invitation = await new GroupMemberResolver(Users(new ScriptedTransport().ThenRespond(200, ListOf(inactive))), TeamMode.Invitation, false)
                .ResolveAsync(new MemberReference(MemberKeyKind.UserName, "jdoe"), CancellationToken.None);
            Assert.Equal("WireScim.MemberPending", invitation.Problem!.ErrorId);
            var saml = await new GroupMemberResolver(Users(new ScriptedTransport().ThenRespond(200, ListOf(inactive))), TeamMode.SingleSignOn, false)
                .ResolveAsync(new MemberReference(MemberKeyKind.UserName, "jdoe"), CancellationToken.None);
            Assert.True(saml.IsEligible);
        }

        [Fact]
        public async Task A_user_the_look_up_just_put_under_SCIM_is_reported_not_added()
        {
            var now = DateTime.UtcNow.AddSeconds(5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
            var transport = new ScriptedTransport().ThenRespond(200, ListOf(UserJson(true, now, now)));
            var resolution = await new GroupMemberResolver(Users(transport), TeamMode.Unknown, false).ResolveAsync(new MemberReference(MemberKeyKind.UserName, "owner"), CancellationToken.None);
            Assert.Equal("WireScim.MemberNotScimManaged", resolution.Problem!.ErrorId);
        }

        [Fact]
        public async Task Under_WhatIf_nothing_is_looked_up_but_known_members_resolve()
        {
            var transport = new ScriptedTransport();
            var known = new System.Collections.Generic.Dictionary<string, string> { ["userName:jdoe"] = Id };
            var resolver = new GroupMemberResolver(Users(transport), TeamMode.Unknown, whatIf: true, knownIds: known);
            Assert.Equal(Id, (await resolver.ResolveAsync(new MemberReference(MemberKeyKind.UserName, "jdoe"), CancellationToken.None)).Id);
            var unknown = await resolver.ResolveAsync(new MemberReference(MemberKeyKind.UserName, "asmith"), CancellationToken.None);
            Assert.Null(unknown.Id);
            Assert.Null(unknown.Problem);
            Assert.Equal(0, transport.Calls);
        }
    }
}
