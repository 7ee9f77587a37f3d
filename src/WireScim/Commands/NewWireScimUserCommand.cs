using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommon.New, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class NewWireScimUserCommand : UserInputCmdlet
    {
        private readonly List<(UserPatch User, WorkState State)> _rows = new List<(UserPatch, WorkState)>();

        internal override string Activity => "Creating Wire users";

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            var (result, state) = ReadCurrentInput(ResolveConnection().TeamMode);
            if (!result.IsValid) WriteInvalid(state, result.Problems);
            else _rows.Add((result.User, state));
        }

        protected override void EndProcessing()
        {
            // The whole input is read before anything is sent, so rows that share a handle or externalId are caught first.
            var duplicates = Validation.DuplicateInputs.Find(_rows.Select(row => (row.State.Row, row.User.UserName, row.User.ExternalId)));
            foreach (var (user, state) in _rows)
            {
                if (duplicates.TryGetValue(state.Row, out var duplicate))
                {
                    WriteInvalid(state, new[] { duplicate });
                    continue;
                }
                if (!ShouldProcess($"user '{user.UserName}' (externalId '{user.ExternalId}')", "Create Wire user")) continue;
                var provisioner = Provisioner;
                Enqueue(state, async token => await provisioner.CreateAsync(user, token).ConfigureAwait(false));
            }
            _rows.Clear();
            base.EndProcessing();
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            var outcome = (ProvisioningResult)result!;
            if (outcome.Outcome == ProvisioningOutcome.AlreadyExisted)
                WriteVerbose($"{state.Prefix}user '{outcome.User.UserName}' already existed in Wire with these attributes; nothing was created.");
            WriteObject(outcome.User);
        }

        internal override void OnFailed(WorkState state, Exception error)
        {
            if (error is WireScimException { Kind: WireScimErrorKind.Conflict } conflict)
                error = conflict.WithMessage(conflict.Message + (conflict.ErrorId == "WireScim.UserNameTaken"
                    ? " Handles are unique across the whole Wire instance: choose another UserName."
                    : " Another user of the team has this externalId: use Sync-WireScimUser to adopt existing users, or Set-WireScimUser to change them."));
            base.OnFailed(state, error);
        }
    }
}
