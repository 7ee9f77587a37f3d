using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Cmdlets on Wire's SCIM groups (Wire 5.24 and later): their engine, on a group session.</summary>
    public abstract class GroupCmdlet : WireScimCmdlet
    {
        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<GroupSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<GroupSession>.DefaultThrottleLimit;

        /// <summary>Progress title, e.g. "Creating Wire groups".</summary>
        internal abstract string Activity { get; }

        internal BulkEngine<GroupSession> Groups => Engine(Activity, ThrottleLimit, GroupSession.Open);

        protected override void BeginProcessing() => ResolveConnection();

        /// <summary>A resolver for this command (pipeline thread): members are looked up once per command.</summary>
        internal GroupMemberResolver NewResolver(bool whatIf = false, IReadOnlyDictionary<string, string>? knownIds = null, bool forRemoval = false) =>
            GroupOutput.NewResolver(Groups.Session, whatIf, knownIds, forRemoval);
    }
}
