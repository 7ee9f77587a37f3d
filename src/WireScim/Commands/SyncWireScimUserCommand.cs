using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Makes Wire match the input: creates, updates what differs, and handles users that left.</summary>
    [Cmdlet(VerbsData.Sync, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncWireScimUserCommand : UserAttributeCmdlet
    {
        private static readonly string[] HostTags = { "PSHOST" };

        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<UserSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<UserSession>.DefaultThrottleLimit;

        /// <summary>The file where the sync remembers what it provisioned (Wire cannot list a team's users).</summary>
        [Parameter]
        public string? StatePath { get; set; }

        /// <summary>Check every row against Wire, also those unchanged since the last run (catches changes made elsewhere).</summary>
        [Parameter]
        public SwitchParameter Full { get; set; }

        [Parameter]
        public MissingUserAction MissingAction { get; set; } = MissingUserAction.None;

        /// <summary>More missing users than this and none is disabled or removed (the input may be truncated) unless -Force.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxMissingActions { get; set; } = 10;

        /// <summary>Go past the deletion guard.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Use a state file made for another Wire address (the instance moved) and bind it to this one.</summary>
        [Parameter]
        public SwitchParameter RebindState { get; set; }

        private readonly List<(ValidationResult Result, WorkState State)> _rows = new List<(ValidationResult, WorkState)>();
        private readonly Dictionary<SyncAction, int> _counts = new Dictionary<SyncAction, int>();
        private SyncState? _state;
        private bool _whatIf;
        private bool _declined;

        private BulkEngine<UserSession> Users => UserEngine("Synchronising Wire users", ThrottleLimit);

        protected override void BeginProcessing()
        {
            var connection = ResolveConnection();
            _ = Users;
            if (!ShouldRun($"Synchronise Wire users with the input{(StatePath != null ? " and the state file " + StatePath : string.Empty)}", out _whatIf))
            {
                _declined = true;
                return;
            }
            if (StatePath == null)
            {
                if (MissingAction != MissingUserAction.None)
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("-MissingAction needs -StatePath: without a state file the sync cannot know who it provisioned before."),
                        ErrorIds.StatePathRequired, ErrorCategory.InvalidArgument, null));
                return;
            }
            var path = GetUnresolvedProviderPathFromPSPath(StatePath);
            try
            {
                // -WhatIf reads the file if it is there and writes nothing: no folder, no lock, no journal.
                _state = _whatIf ? SyncState.OpenReadOnly(path, connection.Uri, RebindState) : SyncState.Open(path, connection.Uri, RebindState);
            }
            catch (SyncStateException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
            WriteVerbose($"State file {path}: {_state!.Count} users managed; connection {connection.Uri}.");
        }

        protected override void ProcessRecord()
        {
            if (_declined) return;
            // Called once without pipeline input: with no user named either, the input is empty, not one bad row.
            if (!MyInvocation.ExpectingInput && InputObject == null && UserName == null && ExternalId == null) return;
            _rows.Add(ReadCurrentInput(ResolveConnection()));
        }

        protected override void EndProcessing()
        {
            try
            {
                if (_declined) return;
                var valid = _rows.Where(row => row.Result.IsValid).ToList();
                var duplicates = DuplicateInputs.Find(valid.Select(row => (row.State.Row, row.Result.User.UserName, row.Result.User.ExternalId)));
                // Every row, valid or not, keeps the managed user it names from counting as missing.
                var matches = ManagedUserMatcher.Match(_rows.Select(row => (row.State.Row, row.Result.User.ExternalId, row.Result.User.UserName)),
                    _state?.Entries ?? (IReadOnlyList<SyncStateEntry>)Array.Empty<SyncStateEntry>());
                var synchronizer = new UserSynchronizer(Users.Session.Provisioner, _state, Full, _whatIf);
                foreach (var (result, state) in _rows)
                {
                    var problems = duplicates.TryGetValue(state.Row, out var duplicate) ? new[] { duplicate } : result.Problems;
                    if (problems.Count > 0)
                    {
                        WriteInvalid(state, problems);
                        Emit(new SyncResult { Action = SyncAction.Failed, Row = state.Row, UserName = result.User.UserName, ExternalId = result.User.ExternalId, Error = state.Prefix + problems[0].Message, ErrorId = problems[0].ErrorId });
                        continue;
                    }
                    var user = result.User;
                    var known = matches.For(state.Row);
                    Users.Enqueue(state, (session, token) => synchronizer.SyncAsync(user, state.Row, known, token), Emit,
                        error => Failed(state, error, user.UserName, user.ExternalId));
                }
                _rows.Clear();
                Users.Finish();
                RetireMissing(synchronizer, matches);
                base.EndProcessing();
                if (_state != null && !_whatIf) _state.Save();
                WriteSummary();
            }
            catch (SyncStateException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
            finally
            {
                // Workers record into the state file: they end before it is closed, also when the pipeline stopped.
                Release();
            }
        }

        internal override void ReleaseHeld()
        {
            _state?.Dispose();
            _state = null;
        }

        private void RetireMissing(UserSynchronizer synchronizer, ManagedUserMatches matches)
        {
            if (_state == null || matches.Missing.Count == 0) return;
            var remove = MissingAction == MissingUserAction.Remove;
            // Users disabled by an earlier run need nothing more under Disable, but they still count for the guard.
            var toRetire = matches.Missing.Where(entry => remove || !entry.Disabled).ToList();
            var verb = remove ? "removed" : "disabled";
            var held = MissingAction == MissingUserAction.None ? null
                : new DeletionGuard(MaxMissingActions, Force).Check(matches.Managed, matches.Missing.Count, toRetire.Count, verb);
            if (MissingAction == MissingUserAction.None || held != null)
            {
                foreach (var entry in toRetire)
                    Emit(new SyncResult { Action = held != null ? SyncAction.Skipped : SyncAction.Missing, UserName = entry.UserName, ExternalId = entry.ExternalId, Id = entry.Id,
                        Note = held != null ? $"Would be {verb}; held back by the deletion guard." : "Not in the input; nothing done (-MissingAction None)." });
                if (held != null)
                    WriteError(new ErrorRecord(new InvalidOperationException(held), ErrorIds.DeletionGuard, ErrorCategory.LimitsExceeded, StatePath));
                return;
            }
            foreach (var entry in toRetire)
            {
                var state = new WorkState(0, entry.ExternalId, $"Missing user ({entry.UserName}): ");
                var target = entry;
                if (!_whatIf && !ShouldProcess($"Wire user '{entry.UserName}' (not in the input)", remove ? "Delete permanently" : "Disable")) continue;
                Users.Enqueue(state, (session, token) => synchronizer.RetireAsync(target, remove, token), Emit,
                    error => Failed(state, error, target.UserName, target.ExternalId));
            }
            Users.Finish();
        }

        private void Failed(WorkState state, Exception error, string? userName, string? externalId)
        {
            if (error is SyncStateException stateError)
            {
                Users.Cancel();
                ThrowTerminatingError(ErrorRecords.From(stateError));
            }
            WriteError(ErrorRecords.From(error, state.Input, state.Prefix));
            Emit(new SyncResult
            {
                Action = SyncAction.Failed, Row = state.Row > 0 ? state.Row : null, UserName = userName, ExternalId = externalId,
                Error = state.Prefix + error.Message, ErrorId = (error as WireScimException)?.ErrorId,
            });
        }

        /// <summary>One line at the prompt (as Write-Host does, so it can still be captured or silenced with -InformationAction).</summary>
        private void WriteSummary()
        {
            var counts = _counts.Count == 0 ? "nothing to do" : string.Join(", ", _counts.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
            WriteInformation(new HostInformationMessage { Message = (_whatIf ? "Sync summary (WhatIf, nothing changed): " : "Sync summary: ") + counts }, HostTags);
        }

        private void Emit(SyncResult result)
        {
            _counts[result.Action] = _counts.TryGetValue(result.Action, out var count) ? count + 1 : 1;
            WriteObject(result);
        }
    }
}
