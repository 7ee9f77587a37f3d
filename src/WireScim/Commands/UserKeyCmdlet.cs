using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Validation;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Cmdlets that act on existing users named by -Id, -UserName or -ExternalId, or piped from Get-WireScimUser.
    /// When several keys are given, Id wins, then UserName, then ExternalId. Wire cannot list a team's users,
    /// so one of them is needed. The requests run on the command's engine.
    /// </summary>
    public abstract class UserKeyCmdlet : WireScimCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ScimId")]
        public string[]? Id { get; set; }

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SamAccountName", "Handle")]
        public string[]? UserName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "NameId")]
        public string[]? ExternalId { get; set; }

        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<UserSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<UserSession>.DefaultThrottleLimit;

        private int _row;

        /// <summary>Progress title, e.g. "Removing Wire users".</summary>
        internal abstract string Activity { get; }

        internal BulkEngine<UserSession> Users => Engine(Activity, ThrottleLimit, UserSession.Open);

        protected override void BeginProcessing() => ResolveConnection();

        /// <summary>The keys of the current record, each with the state its results and errors name.</summary>
        internal IReadOnlyList<(UserKey Key, WorkState State)> CurrentKeys()
        {
            _row++;
            var found = new List<(UserKey, WorkState)>();
            var keys = UserKey.Select(Id, UserName, ExternalId);
            if (keys == null)
            {
                var prefix = MyInvocation.ExpectingInput ? $"Row {_row}: " : string.Empty;
                var message = prefix + "Name the user with -Id, -UserName or -ExternalId (or pipe users from Get-WireScimUser or Import-Csv); "
                    + (MyInvocation.ExpectingInput ? "this row has none, or only blank ones. " : string.Empty)
                    + "Wire's SCIM API cannot list a team's users, so there is no 'get all'.";
                var record = new ErrorRecord(new System.ArgumentException(message), ErrorIds.UserKeyRequired, ErrorCategory.InvalidArgument, null);
                record.ErrorDetails = new ErrorDetails(message);
                WriteError(record);
                return found;
            }
            foreach (var key in keys)
                found.Add((key, new WorkState(_row, key.Value, MyInvocation.ExpectingInput ? $"Row {_row} ({key}): " : null)));
            return found;
        }

        /// <summary>Enable- and Disable-WireScimUser: sets 'active' with one PATCH each, the reversible alternative to removal.</summary>
        internal void SetActive(bool active, bool passThru)
        {
            var mode = ResolveConnection().TeamMode;
            foreach (var (key, state) in CurrentKeys())
            {
                if (!ShouldProcess($"Wire user with {key}", active ? "Enable" : "Disable")) continue;
                Users.Enqueue(state,
                    async (session, token) =>
                    {
                        var current = await key.FindAsync(session.Provisioner, token).ConfigureAwait(false);
                        // An inactive user is suspended already or, outside SSO teams, may be an invitee who has not
                        // accepted: Wire cannot suspend an invitation, so nothing is sent (docs/wire-behaviour.md).
                        if (!active && !current.Active) return (User: current, Sent: false);
                        return (User: await session.Client.SetActiveAsync(current.Id!, active, token).ConfigureAwait(false), Sent: true);
                    },
                    outcome =>
                    {
                        var user = outcome.User;
                        if (active && !user.Active)
                            WriteWarning($"{state.Prefix}'{user.UserName}' is still inactive: users invited by e-mail stay inactive until they accept the invitation.");
                        if (!outcome.Sent && mode == TeamMode.SingleSignOn)
                            WriteVerbose($"{state.Prefix}'{user.UserName}' is disabled already; nothing was sent.");
                        else if (!outcome.Sent)
                            WriteWarning($"{state.Prefix}'{user.UserName}' is inactive already, so nothing was sent. If it is an invitation that has not been accepted, Wire cannot suspend it and the invitation stays valid: Remove-WireScimUser deletes the pending user (whether the e-mailed link stops working then is not confirmed from Wire's source).");
                        if (passThru) WriteObject(user);
                    });
            }
        }
    }
}
