using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using Xunit;

namespace WireScim.Tests.Units
{
    public class GroupEditQueueTests
    {
        private static GroupClient Client(IScimTransport transport) => new GroupClient(transport, WireUri.Parse("https://wire.example.com"), SecretText.Protect("test-token"));

        private static string NewId() => Guid.NewGuid().ToString("D");

        [Fact]
        public async Task Fifty_concurrent_adds_to_one_group_all_land_in_few_rounds()
        {
            var server = new FakeGroupServer();
            var group = server.Add("Team");
            var gate = new SemaphoreSlim(0);
            // Hold the first PUT until every add is queued, as a slow Wire would.
            int puts = 0;
            server.BeforePut = async () => { if (Interlocked.Increment(ref puts) == 1) await gate.WaitAsync(); };
            var client = Client(server);
            var members = Enumerable.Range(0, 50).Select(_ => NewId()).ToArray();
            var edits = new Task<GroupEditResult>[members.Length];
            // Submitting queues the edit before it returns, so once Parallel.For is done all 50 wait behind the first PUT.
            Parallel.For(0, members.Length, i => edits[i] = GroupEditQueue.SubmitAsync(client, group, new GroupEdit { Add = new[] { members[i] } }, CancellationToken.None));
            gate.Release();
            var results = await Task.WhenAll(edits);
            Assert.Equal(members.OrderBy(m => m), server.MembersOf(group).OrderBy(m => m));
            Assert.All(results, result => Assert.Single(result.Added));
            Assert.True(server.Requests.Count(r => r.StartsWith("PUT")) <= 2, string.Join("\n", server.Requests));
        }

        [Fact]
        public async Task A_member_Wire_refuses_on_PUT_is_reported_and_the_others_are_added()
        {
            var server = new FakeGroupServer();
            var group = server.Add("Team");
            var pending = NewId();
            var good = NewId();
            server.PendingUsers.Add(pending);
            var result = await GroupEditQueue.SubmitAsync(Client(server), group, new GroupEdit { Add = new[] { pending, good } }, CancellationToken.None);
            Assert.Equal(new[] { good }, server.MembersOf(group));
            Assert.Equal(new[] { good }, result.Added);
            var refused = Assert.Single(result.Refused);
            Assert.Equal(pending, refused.Id);
            Assert.Equal("WireScim.MemberPending", refused.Error.ErrorId);
        }

        [Fact]
        public async Task Nothing_to_change_sends_no_PUT()
        {
            var server = new FakeGroupServer();
            var member = NewId();
            var group = server.Add("Team", member);
            var result = await GroupEditQueue.SubmitAsync(Client(server), group, new GroupEdit { Add = new[] { member }, Remove = new[] { NewId() } }, CancellationToken.None);
            Assert.False(result.Changed);
            Assert.Equal(new[] { member }, result.AlreadyMembers);
            Assert.Single(result.NotMembers);
            Assert.DoesNotContain(server.Requests, r => r.StartsWith("PUT"));
        }

        [Fact]
        public async Task A_missing_group_fails_with_its_own_error()
        {
            var server = new FakeGroupServer();
            var error = await Assert.ThrowsAsync<WireScimException>(() => GroupEditQueue.SubmitAsync(Client(server), NewId(), new GroupEdit { Add = new[] { NewId() } }, CancellationToken.None));
            Assert.Equal("WireScim.GroupNotFound", error.ErrorId);
        }

        [Fact]
        public void Replace_then_remove_computes_adds_and_removes_against_the_current_members()
        {
            var a = NewId(); var b = NewId(); var c = NewId();
            var members = new System.Collections.Generic.HashSet<string>(new[] { a, b }, StringComparer.OrdinalIgnoreCase);
            var name = "Old";
            var result = GroupEditQueue.Apply(new GroupEdit { NewDisplayName = "New", ReplaceMembers = new[] { b, c } }, ref name, members);
            Assert.Equal("New", name);
            Assert.Equal(new[] { c }, result.Added);
            Assert.Equal(new[] { a }, result.Removed);
            Assert.True(members.SetEquals(new[] { b, c }));
        }
    }
}
