using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Changes only the attributes given in this call: reads the user, merges, and writes it back. The users are named
    /// by -Id, -UserName or -ExternalId (Id wins, then UserName, then ExternalId), or by strings piped in.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class SetWireScimUserCommand : UserAttributeCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ScimId")]
        public string[]? Id { get; set; }

        [Parameter]
        public string? NewUserName { get; set; }

        [Parameter]
        public string? NewExternalId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<UserSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<UserSession>.DefaultThrottleLimit;

        private BulkEngine<UserSession> Users => UserEngine("Updating Wire users", ThrottleLimit);

        protected override void BeginProcessing() => _ = Users;

        protected override void ProcessRecord()
        {
            var validation = ReadCurrentChanges(NewUserName, NewExternalId, ResolveConnection());
            var keys = UserKey.Select(Id, UserName, ExternalId)
                       ?? (InputObject?.BaseObject is string piped ? UserKey.Select(null, new[] { piped }, null) : null);
            if (keys == null)
            {
                WriteError(new ErrorRecord(new System.ArgumentException(UserKey.RequiredMessage), ErrorIds.UserKeyRequired, ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            foreach (var key in keys)
            {
                var state = new WorkState(Row, (object?)InputObject ?? key.Value, MyInvocation.ExpectingInput ? $"Row {Row} ({key}): " : null);
                foreach (var note in validation.Notes) WriteVerbose(state.Prefix + note);
                if (!validation.IsValid)
                {
                    CountRejected();
                    foreach (var problem in validation.Problems) WriteError(ErrorRecords.From(problem, state.Input, state.Prefix));
                    continue;
                }
                if (!ShouldProcess($"Wire user with {key}", "Update")) continue;
                var changes = validation.User;
                var requestedRole = changes.Role;
                Users.Enqueue(state,
                    async (session, token) =>
                    {
                        var current = await key.FindAsync(session.Provisioner, token).ConfigureAwait(false);
                        return await session.Provisioner.UpdateAsync(current, changes, whatIf: false, token).ConfigureAwait(false);
                    },
                    outcome =>
                    {
                        WriteVerbose(outcome.Changes.Count == 0
                            ? $"{state.Prefix}'{outcome.User.UserName}' already has these values; nothing was sent."
                            : $"{state.Prefix}'{outcome.User.UserName}' updated: {string.Join("; ", outcome.Changes)}");
                        // Wire keeps a pending invitee's role in the invitation and reports 'member' until it is accepted.
                        if (requestedRole != null && !outcome.User.Active
                            && !string.Equals(outcome.User.Role, requestedRole, System.StringComparison.OrdinalIgnoreCase))
                            WriteWarning($"{state.Prefix}'{outcome.User.UserName}' has not accepted the invitation yet: Wire applies role '{requestedRole}' only when the invitation is accepted, and reports '{outcome.User.Role}' until then.");
                        if (PassThru) WriteObject(outcome.User);
                    });
            }
        }
    }
}
