using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Serialises changes to one group. Wire changes members only by GET, edit, PUT of the whole group, and its
    /// meta.version never changes, so two writers that overlap lose one another's changes. Every edit to a group
    /// goes through the one queue of that group in this process (shared by all cmdlets and runspaces): one round at
    /// a time reads the group, applies every edit waiting at that moment in arrival order, and sends one PUT.
    /// 50 piped Add-WireScimGroupMember rows for one group therefore cost a few rounds, and none is lost.
    /// </summary>
    internal sealed class GroupEditQueue
    {
        private static readonly Dictionary<string, GroupEditQueue> Queues = new Dictionary<string, GroupEditQueue>(StringComparer.OrdinalIgnoreCase);
        private static readonly Regex Uuid = new Regex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.Compiled);

        private readonly string _key;
        private readonly string _groupId;
        private readonly List<Waiting> _waiting = new List<Waiting>();
        private bool _running;

        private GroupEditQueue(string key, string groupId)
        {
            _key = key;
            _groupId = groupId;
        }

        private sealed class Waiting
        {
            public Waiting(GroupClient client, GroupEdit edit, CancellationToken cancellationToken)
            {
                Client = client;
                Edit = edit;
                CancellationToken = cancellationToken;
            }

            public GroupClient Client { get; }
            public GroupEdit Edit { get; }
            public CancellationToken CancellationToken { get; }
            public TaskCompletionSource<GroupEditResult> Outcome { get; } = new TaskCompletionSource<GroupEditResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        /// <summary>Applies <paramref name="edit"/> to group <paramref name="groupId"/> after every edit submitted before it.</summary>
        public static Task<GroupEditResult> SubmitAsync(GroupClient client, string groupId, GroupEdit edit, CancellationToken cancellationToken)
        {
            var id = Guid.TryParse(groupId, out var parsed) ? parsed.ToString("D") : groupId;
            var key = client.Instance + "|" + id;
            var waiting = new Waiting(client, edit, cancellationToken);
            GroupEditQueue queue;
            bool start = false;
            lock (Queues)
            {
                if (!Queues.TryGetValue(key, out queue!)) Queues[key] = queue = new GroupEditQueue(key, id);
                queue._waiting.Add(waiting);
                if (!queue._running) start = queue._running = true;
            }
            if (start) _ = Task.Run(queue.RunAsync, CancellationToken.None);
            return waiting.Outcome.Task;
        }

        private async Task RunAsync()
        {
            while (true)
            {
                List<Waiting> batch;
                lock (Queues)
                {
                    _waiting.RemoveAll(CancelIfAsked);
                    if (_waiting.Count == 0)
                    {
                        _running = false;
                        Queues.Remove(_key);
                        return;
                    }
                    batch = new List<Waiting>(_waiting);
                    _waiting.Clear();
                }
                try
                {
                    await RoundAsync(batch).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (batch[0].CancellationToken.IsCancellationRequested)
                {
                    // The round ran on its first caller's token; the other callers' edits wait for the next round.
                    lock (Queues) _waiting.InsertRange(0, batch.Where(waiting => !CancelIfAsked(waiting)));
                }
                catch (Exception error)
                {
                    foreach (var waiting in batch) waiting.Outcome.TrySetException(error);
                }
            }
        }

        private static bool CancelIfAsked(Waiting waiting)
        {
            if (!waiting.CancellationToken.IsCancellationRequested) return false;
            waiting.Outcome.TrySetCanceled();
            return true;
        }

        private async Task RoundAsync(List<Waiting> batch)
        {
            var client = batch[0].Client;
            var cancellationToken = batch[0].CancellationToken;
            var current = await client.GetAsync(_groupId, cancellationToken).ConfigureAwait(false) ?? throw GroupNotFound(_groupId);
            var name = current.DisplayName ?? string.Empty;
            var members = new HashSet<string>(current.Members, StringComparer.OrdinalIgnoreCase);
            var results = new List<GroupEditResult>();
            foreach (var waiting in batch)
            {
                var result = Apply(waiting.Edit, ref name, members);
                result.PreviousDisplayName = current.DisplayName;
                results.Add(result);
            }
            var changed = name != current.DisplayName || !members.SetEquals(current.Members);
            var updated = current;
            while (changed)
            {
                try
                {
                    updated = await client.ReplaceAsync(_groupId, name, members, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (WireScimException error) when (RefusedMembers(error, results) is { Count: > 0 } refused)
                {
                    // Wire names the members it will not take (a pending invitee or a deleted user: 404; a user not
                    // managed by SCIM: 400); they are dropped from this round and reported, and the rest are sent again.
                    foreach (var id in refused)
                    {
                        members.Remove(id);
                        foreach (var result in results)
                            if (result.Added.Remove(id)) result.Refused.Add((id, MemberRefused(id, error)));
                    }
                    changed = name != current.DisplayName || !members.SetEquals(current.Members);
                }
                catch (WireScimException error) when (error.Kind == WireScimErrorKind.NotFound)
                {
                    throw GroupNotFound(_groupId, error);
                }
            }
            for (int i = 0; i < batch.Count; i++)
            {
                results[i].Group = updated;
                results[i].Changed = changed;
                batch[i].Outcome.TrySetResult(results[i]);
            }
        }

        /// <summary>What <paramref name="edit"/> does to a group with this name and these members (which it changes).</summary>
        internal static GroupEditResult Apply(GroupEdit edit, ref string name, HashSet<string> members)
        {
            var result = new GroupEditResult();
            if (edit.NewDisplayName != null) name = edit.NewDisplayName;
            if (edit.ReplaceMembers != null)
            {
                var wanted = new HashSet<string>(edit.ReplaceMembers, StringComparer.OrdinalIgnoreCase);
                result.Removed.AddRange(members.Where(id => !wanted.Contains(id)));
                result.Added.AddRange(wanted.Where(id => !members.Contains(id)));
                members.IntersectWith(wanted);
                members.UnionWith(wanted);
            }
            foreach (var id in edit.Add)
                (members.Add(id) ? result.Added : result.AlreadyMembers).Add(id);
            foreach (var id in edit.Remove)
            {
                if (members.Remove(id))
                {
                    if (!result.Added.Remove(id)) result.Removed.Add(id);
                }
                else result.NotMembers.Add(id);
            }
            return result;
        }

        /// <summary>The ids in Wire's refusal that this round added (only those can be dropped).</summary>
        private static List<string> RefusedMembers(WireScimException error, List<GroupEditResult> results)
        {
            var refused = new List<string>();
            if (error.StatusCode is not (400 or 404) || error.Detail == null) return refused;
            if (error.Detail.IndexOf("Group", StringComparison.OrdinalIgnoreCase) >= 0 && error.Detail.IndexOf("User", StringComparison.Ordinal) < 0) return refused;
            foreach (Match match in Uuid.Matches(error.Detail))
            {
                var id = Guid.Parse(match.Value).ToString("D");
                if (results.Any(result => result.Added.Contains(id, StringComparer.OrdinalIgnoreCase)) && !refused.Contains(id)) refused.Add(id);
            }
            return refused;
        }

        private static WireScimException MemberRefused(string id, WireScimException error) =>
            error.StatusCode == 404
                ? new WireScimException(WireScimErrorKind.NotFound, ErrorIds.MemberPending,
                    $"Wire did not take user {id} as a group member: it is a pending invitee who has not accepted the invitation yet, or it no longer exists (Wire: {error.Detail}).", error)
                { StatusCode = error.StatusCode, Detail = error.Detail }
                : new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.MemberNotScimManaged,
                    $"Wire did not take user {id} as a group member: it is not managed by SCIM or not in this team (Wire: {error.Detail}).", error)
                { StatusCode = error.StatusCode, Detail = error.Detail };

        internal static WireScimException GroupNotFound(string id, Exception? inner = null) =>
            new WireScimException(WireScimErrorKind.NotFound, ErrorIds.GroupNotFound,
                $"No Wire group with id {id} in this team that SCIM may change (it was deleted, or it was made in Team Settings, which SCIM can read but not change).", inner)
            { StatusCode = 404 };
    }
}
