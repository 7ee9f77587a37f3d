using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Makes Wire's groups match the input: AD-shaped objects (one per group, with DisplayName and Member) or CSV rows
    /// of one membership each (GroupName with UserName or ExternalId). The state file maps each source group to its
    /// Wire group, since Wire groups have no externalId and names are not unique.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "WireScimGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(GroupSyncResult))]
    public sealed class SyncWireScimGroupCommand : GroupCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName")]
        public string? DisplayName { get; set; }

        /// <summary>Used when DisplayName is empty: an AD group's Name (its CN), which Get-ADGroup always returns.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Members")]
        public object[]? Member { get; set; }

        /// <summary>One membership of a CSV row: the member's handle.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? UserName { get; set; }

        /// <summary>One membership of a CSV row: the member's externalId.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName")]
        public string? ExternalId { get; set; }

        /// <summary>The source group's stable key (AD objectGUID); without it the name is the key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ObjectGUID")]
        public string? SourceId { get; set; }

        [Parameter(Mandatory = true)]
        public string StatePath { get; set; } = string.Empty;

        /// <summary>Compare every group with Wire's listing, also those the state says are unchanged (catches changes made in Team Settings).</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        [Parameter]
        public MissingGroupAction MissingAction { get; set; } = MissingGroupAction.None;

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxMissingActions { get; set; } = 10;

        [Parameter]
        public SwitchParameter Force { get; set; }

        private readonly Dictionary<string, DesiredGroup> _desired = new Dictionary<string, DesiredGroup>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, MemberResolution> _resolved = new Dictionary<string, MemberResolution>(StringComparer.Ordinal);
        private List<Group>? _listing;
        private GroupSyncState? _state;
        private bool _whatIf;
        private bool _declined;
        private int _row;

        internal override string Activity => "Synchronising Wire groups";

        protected override void BeginProcessing()
        {
            ResolveConnection();
            if (!ShouldRun($"Synchronise Wire groups with the input and the state file {StatePath}", out _whatIf))
            {
                _declined = true;
                return;
            }
            try
            {
                _state = GroupSyncState.Open(GetUnresolvedProviderPathFromPSPath(StatePath), readOnly: _whatIf);
            }
            catch (SyncStateException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
        }

        protected override void ProcessRecord()
        {
            if (_declined) return;
            if (!MyInvocation.ExpectingInput && DisplayName == null && Name == null) return;
            _row++;
            var name = !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName! : Name;
            var prefix = UserInputBinder.RowPrefix(true, _row, name);
            if (GroupOutput.CheckDisplayName(name) is string nameProblem)
            {
                GroupOutput.WriteInvalid(this, ErrorIds.InvalidGroupName, nameProblem + " Give each row a GroupName (CSV) or DisplayName/Name (AD).", CurrentInput(), prefix);
                Emit(new GroupSyncResult { Action = GroupSyncAction.Failed, DisplayName = name, SourceId = SourceId, Error = prefix + nameProblem, ErrorId = ErrorIds.InvalidGroupName });
                return;
            }
            var source = string.IsNullOrWhiteSpace(SourceId) ? name! : SourceId!.Trim();
            if (!_desired.TryGetValue(source, out var group)) _desired[source] = group = new DesiredGroup(source, name!, _row);
            var problems = new List<string>();
            foreach (var member in GroupMemberBinder.Bind(Member, problems)) group.AddMember(member);
            if (!string.IsNullOrWhiteSpace(UserName)) group.AddMember(new MemberReference(MemberKeyKind.UserName, UserName!.Trim()));
            else if (!string.IsNullOrWhiteSpace(ExternalId)) group.AddMember(new MemberReference(MemberKeyKind.ExternalId, ExternalId!.Trim()));
            GroupOutput.WriteBindingProblems(this, problems, new WorkState(_row, CurrentInput(), prefix));
        }

        private string? CurrentInput() => DisplayName ?? Name;

        protected override void EndProcessing()
        {
            try
            {
                if (_declined) return;
                var state = _state!;
                var engine = Groups;
                var groups = engine.Session.Groups;
                // The listing comes first: against a Wire without groups it ends the run before any user look-up.
                if (GroupSyncPlanner.NeedsListing(_desired.Values, state.Find, Full))
                {
                    engine.Enqueue(new WorkState(0, null, "Listing Wire's groups: "), (session, token) => new GroupPager(session.Groups, null).AllAsync(token),
                        listing =>
                        {
                            _listing = listing;
                            WriteVerbose($"Wire lists {listing.Count} SCIM groups.");
                        });
                    engine.Drain(wait: true);
                    if (_listing == null)
                        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("Wire's group listing could not be read (see the error before), so groups new to the state file could be created twice. Nothing was changed; run again."),
                            ErrorIds.GroupListingFailed, ErrorCategory.ResourceUnavailable, StatePath));
                }

                var resolver = NewResolver(_whatIf, state.Members);
                var references = _desired.Values.SelectMany(group => group.Members).GroupBy(member => member.CacheKey).Select(same => same.First()).ToList();
                var parallel = ThrottleLimit;
                if (references.Count > 0)
                    engine.Enqueue(new WorkState(0, null, "Member look-ups: "), (session, token) => resolver.ResolveAllAsync(references, parallel, token),
                        resolutions => { foreach (var resolution in resolutions) _resolved[resolution.Reference.CacheKey] = resolution; });
                engine.Drain(wait: true);
                if (_resolved.Count < references.Count)
                {
                    base.EndProcessing();
                    return;
                }

                var desired = _desired.Values.Select(group => (group, (IReadOnlyCollection<string>)EligibleIds(group))).ToList();
                var plans = GroupSyncPlanner.Plan(desired, state.Find, state.Groups.Select(entry => entry.Id), _listing, Full);
                var shown = ShownNames(state);
                var synchronizer = new GroupSynchronizer(groups, state, _whatIf, id => shown.TryGetValue(id, out var text) ? text : id, shown.ContainsKey);
                foreach (var plan in plans)
                {
                    var members = plan.Desired.Members.Select(member => _resolved[member.CacheKey]).ToList();
                    var group = plan.Desired;
                    var workState = new WorkState(group.Row, group.DisplayName, UserInputBinder.RowPrefix(true, group.Row, group.DisplayName));
                    GroupOutput.WriteMemberProblems(this, members, workState, group.DisplayName);
                    if (plan.Kind != GroupPlanKind.Unchanged && !_whatIf && !ShouldProcess($"Wire group '{group.DisplayName}'", plan.Kind.ToString())) continue;
                    var target = plan;
                    engine.Enqueue(workState, (session, token) => synchronizer.ApplyAsync(target, members, token), Emit,
                        error => Failed(workState, error, group.DisplayName, group.Source));
                }
                engine.Drain(wait: true);

                RemoveMissing(state, synchronizer, engine);
                base.EndProcessing();
                if (!_whatIf)
                {
                    foreach (var resolved in resolver.Resolved()) state.Members[resolved.Key] = resolved.Value;
                    var stale = new HashSet<string>(synchronizer.RefusedIds, StringComparer.OrdinalIgnoreCase);
                    foreach (var key in state.Members.Where(member => stale.Contains(member.Value)).Select(member => member.Key).ToList()) state.Members.Remove(key);
                    try
                    {
                        state.Save();
                    }
                    catch (SyncStateException error)
                    {
                        ThrowTerminatingError(ErrorRecords.From(error));
                    }
                }
                WriteInformation(new InformationRecord("Group sync summary: " + string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))
                    + $"; {resolver.Lookups} member look-ups", "Sync-WireScimGroup"));
            }
            finally
            {
                Release();
            }
        }

        internal override void ReleaseHeld()
        {
            _state?.Dispose();
            _state = null;
        }

        private void Failed(WorkState state, Exception error, string? displayName, string source)
        {
            WriteError(ErrorRecords.From(error, state.Input, state.Prefix));
            Emit(new GroupSyncResult { Action = GroupSyncAction.Failed, DisplayName = displayName, SourceId = source, Error = state.Prefix + error.Message, ErrorId = (error as WireScimException)?.ErrorId });
        }

        private List<string> EligibleIds(DesiredGroup group) =>
            group.Members.Select(member => _resolved[member.CacheKey]).Where(member => member.IsEligible).Select(member => member.Id!)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Member id -> handle for the report, from this run's look-ups and the state's member keys.</summary>
        private Dictionary<string, string> ShownNames(GroupSyncState state)
        {
            var shown = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var known in state.Members)
                shown[known.Value] = known.Key.Substring(known.Key.IndexOf(':') + 1);
            foreach (var resolved in _resolved.Values)
                if (resolved.Id != null) shown[resolved.Id] = resolved.Shown;
            return shown;
        }

        private void RemoveMissing(GroupSyncState state, GroupSynchronizer synchronizer, BulkEngine<GroupSession> engine)
        {
            var plan = GroupSyncPlanner.PlanMissing(state.Groups, new HashSet<string>(_desired.Keys, StringComparer.Ordinal), MissingAction == MissingGroupAction.Remove, MaxMissingActions, Force);
            if (plan.Missing.Count == 0) return;
            if (MissingAction == MissingGroupAction.None || plan.GuardTripped)
            {
                foreach (var entry in plan.Missing)
                    Emit(new GroupSyncResult
                    {
                        Action = plan.GuardTripped ? GroupSyncAction.Skipped : GroupSyncAction.Missing, DisplayName = entry.DisplayName, SourceId = entry.Source, Id = entry.Id,
                        MemberCount = entry.Members.Length, Error = plan.GuardTripped ? "Would be removed; held back by the deletion guard." : null,
                    });
                if (plan.GuardTripped)
                    WriteError(new ErrorRecord(new InvalidOperationException(plan.GuardMessage), ErrorIds.DeletionGuard, ErrorCategory.LimitsExceeded, StatePath));
                return;
            }
            foreach (var entry in plan.Missing)
            {
                if (!_whatIf && !ShouldProcess($"Wire group '{entry.DisplayName}' ({entry.Id}, not in the input)", "Delete")) continue;
                var target = entry;
                var workState = new WorkState(0, entry.Source, $"Missing group ({entry.DisplayName}): ");
                engine.Enqueue(workState, (session, token) => synchronizer.RemoveAsync(target, token), Emit,
                    error => Failed(workState, error, target.DisplayName, target.Source));
            }
            engine.Drain(wait: true);
        }

        private void Emit(GroupSyncResult result)
        {
            var key = result.Action.ToString();
            _counts[key] = _counts.TryGetValue(key, out var count) ? count + 1 : 1;
            WriteObject(result);
        }
    }
}
