using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Commands;
using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public class GroupMemberBinderTests
    {
        private static PSObject Object(params (string Name, object Value)[] properties)
        {
            var result = new PSObject();
            foreach (var (name, value) in properties) result.Properties.Add(new PSNoteProperty(name, value));
            return result;
        }

        private static (List<MemberReference> Members, List<string> Problems) Bind(params object[] values)
        {
            var problems = new List<string>();
            return (GroupMemberBinder.Bind(values, problems), problems);
        }

        [Fact]
        public void Strings_are_ids_when_they_are_UUIDs_and_handles_otherwise()
        {
            var (members, problems) = Bind("0B4C7F5E-1D2A-4C3B-9E8F-7A6B5C4D3E2F", " jdoe ", "");
            Assert.Empty(problems);
            Assert.Equal(MemberKeyKind.Id, members[0].Kind);
            Assert.Equal("0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", members[0].Value);
            Assert.Equal(MemberKeyKind.UserName, members[1].Kind);
            Assert.Equal("jdoe", members[1].Value);
            Assert.Equal(2, members.Count);
        }

        [Fact]
        public void A_Get_ADGroupMember_principal_binds_by_SamAccountName_and_a_CSV_row_by_ExternalId()
        {
            var principal = Object(("DistinguishedName", "CN=Jane Doe,OU=Staff,DC=example,DC=com"), ("ObjectClass", "user"),
                ("ObjectGUID", System.Guid.NewGuid()), ("SamAccountName", "jdoe"));
            var row = Object(("GroupName", "Sales"), ("ExternalId", "ana@example.com"));
            var (members, problems) = Bind(principal, row);
            Assert.Empty(problems);
            Assert.Equal((MemberKeyKind.UserName, "jdoe"), (members[0].Kind, members[0].Value));
            Assert.Equal((MemberKeyKind.ExternalId, "ana@example.com"), (members[1].Kind, members[1].Value));
        }

        [Fact]
        public void A_user_object_is_used_without_a_look_up_and_its_id_wins()
        {
            var user = new User { Id = "0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", UserName = "jdoe" };
            var (members, _) = Bind(user);
            Assert.Same(user, members[0].Known);
            Assert.Equal("id:0b4c7f5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f", members[0].CacheKey);
        }

        [Fact]
        public void Distinguished_names_and_nested_groups_are_reported_not_guessed()
        {
            var nested = Object(("ObjectClass", "group"), ("SamAccountName", "Sales-EU"));
            var (members, problems) = Bind("CN=Jane Doe,OU=Staff,DC=example,DC=com", nested, Object(("Title", "x")));
            Assert.Empty(members);
            Assert.Equal(3, problems.Count);
            Assert.Contains("distinguished name", problems[0]);
            Assert.Contains("Get-ADGroupMember -Recursive", problems[1]);
            Assert.Contains("names no Wire user", problems[2]);
        }

        [Fact]
        public void Arrays_are_unrolled_and_handles_compare_in_lowercase_for_duplicates()
        {
            var (members, _) = Bind(new object[] { "JDoe", new[] { "jdoe", "asmith" } });
            Assert.Equal(3, members.Count);
            Assert.Equal(members[0].CacheKey, members[1].CacheKey);
        }
    }
}
