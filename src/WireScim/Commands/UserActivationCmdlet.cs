using System.Management.Automation;
using WireScim.Provisioning;

namespace WireScim.Commands
{
    /// <summary>Enable- and Disable-WireScimUser: set 'active' with one PATCH, the reversible alternative to removal.</summary>
    public abstract class UserActivationCmdlet : UserKeyCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal abstract bool TargetActive { get; }

        internal override string Activity => TargetActive ? "Enabling Wire users" : "Disabling Wire users";

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
            {
                if (!ShouldProcess($"Wire user with {key}", TargetActive ? "Enable" : "Disable")) continue;
                var provisioner = Provisioner;
                Enqueue(state, async token =>
                {
                    var current = await FindOrFailAsync(provisioner, key, token).ConfigureAwait(false);
                    return await provisioner.Client.SetActiveAsync(current.Id!, TargetActive, token).ConfigureAwait(false);
                });
            }
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            var user = (User)result!;
            if (TargetActive && !user.Active)
                WriteWarning($"{state.Prefix}'{user.UserName}' is still inactive: users invited by e-mail stay inactive until they accept the invitation.");
            if (PassThru) WriteObject(user);
        }
    }
}
