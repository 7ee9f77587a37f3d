using System.Collections;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Changes only the attributes given in this call: reads the user, merges, and writes it back.</summary>
    [Cmdlet(VerbsCommon.Set, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class SetWireScimUserCommand : UserKeyCmdlet
    {
        [Parameter]
        public string? NewUserName { get; set; }

        [Parameter]
        public string? NewExternalId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Mail", "EmailAddress")]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Language")]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        public string? PreferredLanguage { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Roles")]
        [ArgumentCompleter(typeof(RoleCompleter))]
        public string? Role { get; set; }

        /// <summary>Rich-info fields to set; fields not named keep their values.</summary>
        [Parameter]
        public IDictionary? RichInfo { get; set; }

        [Parameter]
        public bool? Active { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string Activity => "Updating Wire users";

        private readonly System.Collections.Generic.Dictionary<WorkState, string> _requestedRoles = new System.Collections.Generic.Dictionary<WorkState, string>();

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            var input = new UserInput
            {
                UserName = NewUserName, ExternalId = NewExternalId, DisplayName = DisplayName, Email = Email,
                PreferredLanguage = PreferredLanguage, Role = Role, Active = Active, RichInfo = RichInfo,
            };
            var validation = UserValidator.Validate(input, forCreate: false, ResolveConnection().TeamMode);
            foreach (var (key, state) in CurrentKeys())
            {
                foreach (var note in validation.Notes) WriteVerbose(state.Prefix + note);
                if (!validation.IsValid)
                {
                    CountRejected();
                    foreach (var problem in validation.Problems) WriteError(ErrorRecords.From(problem, state.Input, state.Prefix));
                    continue;
                }
                if (!ShouldProcess($"Wire user with {key}", "Update")) continue;
                var provisioner = Provisioner;
                var patch = validation.User;
                if (patch.Role != null) _requestedRoles[state] = patch.Role;
                Enqueue(state, async token =>
                {
                    var current = await FindOrFailAsync(provisioner, key, token).ConfigureAwait(false);
                    return await provisioner.UpdateAsync(current, patch, whatIf: false, token).ConfigureAwait(false);
                });
            }
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            var outcome = (ProvisioningResult)result!;
            WriteVerbose(outcome.Changes.Count == 0
                ? $"{state.Prefix}'{outcome.User.UserName}' already has these values; nothing was sent."
                : $"{state.Prefix}'{outcome.User.UserName}' updated: {string.Join("; ", outcome.Changes)}");
            // Wire keeps a pending invitee's role in the invitation and reports 'member' until it is accepted.
            if (_requestedRoles.TryGetValue(state, out var role) && !outcome.User.Active
                && !string.Equals(outcome.User.Role, role, System.StringComparison.OrdinalIgnoreCase))
                WriteWarning($"{state.Prefix}'{outcome.User.UserName}' has not accepted the invitation yet: Wire applies role '{role}' only when the invitation is accepted, and reports '{outcome.User.Role}' until then.");
            if (PassThru) WriteObject(outcome.User);
        }
    }
}
