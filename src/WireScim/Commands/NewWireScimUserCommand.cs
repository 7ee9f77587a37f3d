using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommon.New, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class NewWireScimUserCommand : UserAttributeCmdlet
    {
        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<UserSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<UserSession>.DefaultThrottleLimit;

        private readonly List<(UserValues User, WorkState State)> _rows = new List<(UserValues, WorkState)>();

        private BulkEngine<UserSession> Users => UserEngine("Creating Wire users", ThrottleLimit);

        protected override void BeginProcessing() => _ = Users;

        protected override void ProcessRecord()
        {
            var (result, state) = ReadCurrentInput(ResolveConnection());
            if (!result.IsValid) WriteInvalid(state, result.Problems);
            else _rows.Add((result.User, state));
        }

        protected override void EndProcessing()
        {
            // The whole input is read before anything is sent, so rows that share a handle or externalId are caught first.
            var duplicates = DuplicateInputs.Find(_rows.Select(row => (row.State.Row, row.User.UserName, row.User.ExternalId)));
            foreach (var (user, state) in _rows)
            {
                if (duplicates.TryGetValue(state.Row, out var duplicate))
                {
                    WriteInvalid(state, new[] { duplicate });
                    continue;
                }
                if (!ShouldProcess($"user '{user.UserName}' (externalId '{user.ExternalId}')", "Create Wire user")) continue;
                Users.Enqueue(state, (session, token) => session.Provisioner.CreateAsync(user, token),
                    outcome => Created(state, outcome), error => WriteError(ErrorRecords.From(Explain(error), state.Input, state.Prefix)));
            }
            _rows.Clear();
            base.EndProcessing();
        }

        private void Created(WorkState state, ProvisioningResult outcome)
        {
            if (outcome.Outcome == ProvisioningOutcome.AlreadyExisted)
                WriteVerbose($"{state.Prefix}user '{outcome.User.UserName}' already existed in Wire with these attributes; nothing was created.");
            WriteObject(outcome.User);
        }

        private static Exception Explain(Exception error) =>
            error is WireScimException { Kind: WireScimErrorKind.Conflict } conflict
                ? conflict.WithMessage(conflict.Message + (conflict.ErrorId == ErrorIds.UserNameTaken
                    ? " Handles are unique across the whole Wire instance: choose another UserName."
                    : " Another user of the team has this externalId: use Sync-WireScimUser to adopt existing users, or Set-WireScimUser to change them."))
                : error;
    }
}
