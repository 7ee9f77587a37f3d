using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>What to do with users this sync provisioned earlier that are no longer in the input.</summary>
    public enum MissingUserAction
    {
        /// <summary>Report them only.</summary>
        None,
        /// <summary>Set active to false (reversible).</summary>
        Disable,
        /// <summary>Delete them from Wire.</summary>
        Remove,
    }

    /// <summary>Makes Wire match the input: creates, adopts, updates what differs, and handles users that left.</summary>
    [Cmdlet(VerbsData.Sync, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncWireScimUserCommand : UserInputCmdlet
    {
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

        private readonly List<(ValidationResult Result, WorkState State)> _rows = new List<(ValidationResult, WorkState)>();
        private readonly HashSet<string> _inputExternalIds = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<int, UserPatch> _sent = new Dictionary<int, UserPatch>();
        private SyncState? _state;
        private bool _whatIf;

        internal override string Activity => "Synchronising Wire users";

        protected override void BeginProcessing()
        {
            var connection = ResolveConnection();
            _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var flag) ? ((SwitchParameter)flag).IsPresent
                : GetVariableValue("WhatIfPreference") is SwitchParameter preference ? preference.IsPresent : GetVariableValue("WhatIfPreference") is true;
            if (StatePath == null)
            {
                if (MissingAction != MissingUserAction.None)
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException("-MissingAction needs -StatePath: without a state file the sync cannot know who it provisioned before."),
                        "WireScim.StatePathRequired", ErrorCategory.InvalidArgument, null));
                return;
            }
            try
            {
                _state = SyncState.Open(GetUnresolvedProviderPathFromPSPath(StatePath));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                ThrowTerminatingError(new ErrorRecord(error, error is IOException ? "WireScim.StateInUse" : "WireScim.StateUnreadable", ErrorCategory.ResourceUnavailable, StatePath));
            }
            WriteVerbose($"State file {StatePath}: {_state!.Count} users known; connection {connection.Uri}.");
        }

        protected override void ProcessRecord()
        {
            // Called once without pipeline input: with no user named either, the input is empty, not one bad row.
            if (!MyInvocation.ExpectingInput && InputObject == null && UserName == null && ExternalId == null) return;
            var read = ReadCurrentInput(ResolveConnection().TeamMode);
            if (read.Result.User.ExternalId != null) _inputExternalIds.Add(read.Result.User.ExternalId);
            _rows.Add(read);
        }

        protected override void EndProcessing()
        {
            try
            {
                var duplicates = DuplicateInputs.Find(_rows.Where(row => row.Result.IsValid).Select(row => (row.State.Row, row.Result.User.UserName, row.Result.User.ExternalId)));
                var synchronizer = new UserSynchronizer(Provisioner, _state, Full, _whatIf);
                foreach (var (result, state) in _rows)
                {
                    var problems = duplicates.TryGetValue(state.Row, out var duplicate) ? new[] { duplicate } : result.Problems;
                    if (problems.Count > 0)
                    {
                        WriteInvalid(state, problems);
                        Emit(new SyncResult { Action = "Failed", Row = state.Row, UserName = result.User.UserName, ExternalId = result.User.ExternalId, Error = state.Prefix + problems[0].Message, ErrorId = problems[0].ErrorId });
                        continue;
                    }
                    var user = result.User;
                    _sent[state.Row] = user;
                    Enqueue(state, async token => await synchronizer.SyncAsync(user, state.Row, token).ConfigureAwait(false));
                }
                _rows.Clear();
                Drain(wait: true);
                RetireMissing(synchronizer);
                base.EndProcessing();
                if (_state != null && !_whatIf) _state.Save();
                WriteSummary();
            }
            finally
            {
                _state?.Dispose();
            }
        }

        private void RetireMissing(UserSynchronizer synchronizer)
        {
            if (_state == null) return;
            var missing = _state.Entries.Where(entry => !_inputExternalIds.Contains(entry.ExternalId) && !(entry.Disabled && MissingAction == MissingUserAction.Disable)).ToList();
            if (missing.Count == 0) return;
            var guardTripped = MissingAction != MissingUserAction.None && !Force
                               && (missing.Count > MaxMissingActions || (missing.Count == _state.Count && _state.Count > 0));
            if (MissingAction == MissingUserAction.None || guardTripped)
            {
                foreach (var entry in missing)
                    Emit(new SyncResult { Action = guardTripped ? "Skipped" : "Missing", UserName = entry.UserName, ExternalId = entry.ExternalId, Id = entry.Id,
                        Error = guardTripped ? $"Would be {(MissingAction == MissingUserAction.Remove ? "removed" : "disabled")}; held back by the deletion guard." : null });
                if (guardTripped)
                    WriteError(new ErrorRecord(new InvalidOperationException(
                        (missing.Count > MaxMissingActions
                            ? $"{missing.Count} of {_state.Count} users this sync provisioned are not in the input, more than -MaxMissingActions {MaxMissingActions} allows."
                            : $"None of the {_state.Count} users this sync provisioned is in the input: an empty or wrong input file must not empty the team.")
                        + $" Nothing was {(MissingAction == MissingUserAction.Remove ? "removed" : "disabled")}: check that the input file is complete. If the change is intended, run again with -Force{(missing.Count > MaxMissingActions ? " or a higher -MaxMissingActions" : string.Empty)}."),
                        "WireScim.DeletionGuard", ErrorCategory.LimitsExceeded, StatePath));
                return;
            }
            foreach (var entry in missing)
            {
                var state = new WorkState(0, entry.ExternalId, $"Missing user ({entry.UserName}): ");
                var target = entry;
                if (!_whatIf && !ShouldProcess($"Wire user '{entry.UserName}' (not in the input)", MissingAction == MissingUserAction.Remove ? "Delete permanently" : "Disable")) continue;
                Enqueue(state, async token => await synchronizer.RetireAsync(target, MissingAction == MissingUserAction.Remove, token).ConfigureAwait(false));
            }
            Drain(wait: true);
        }

        internal override void OnCompleted(WorkState state, object? result) => Emit((SyncResult)result!);

        internal override void OnFailed(WorkState state, Exception error)
        {
            base.OnFailed(state, error);
            _sent.TryGetValue(state.Row, out var user);
            Emit(new SyncResult
            {
                Action = "Failed", Row = state.Row > 0 ? state.Row : null, UserName = user?.UserName, ExternalId = user?.ExternalId ?? state.Input as string,
                Error = state.Prefix + error.Message, ErrorId = (error as WireScimException)?.ErrorId,
            });
        }

        /// <summary>One line at the prompt (as Write-Host does, so it can still be captured or silenced with -InformationAction).</summary>
        private void WriteSummary()
        {
            var counts = _counts.Count == 0 ? "nothing to do" : string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
            WriteInformation(new HostInformationMessage { Message = "Sync summary: " + counts }, new[] { "PSHOST" });
        }

        private void Emit(SyncResult result)
        {
            _counts[result.Action] = _counts.TryGetValue(result.Action, out var count) ? count + 1 : 1;
            WriteObject(result);
        }
    }
}
