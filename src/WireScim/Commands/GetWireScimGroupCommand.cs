using System;
using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Reads groups by id, by exact name, or all SCIM-managed groups page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "WireScimGroup", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(Group))]
    public sealed class GetWireScimGroupCommand : GroupCmdlet
    {
        private const string AllSet = "All";
        private const string IdSet = "Id";
        private const string NameSet = "DisplayName";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupId")]
        public string[]? Id { get; set; }

        /// <summary>Exact names (case included). Names are not unique: each name can give several groups.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName")]
        public string[]? DisplayName { get; set; }

        private int _row;

        internal override string Activity => "Reading Wire groups";

        protected override void ProcessRecord()
        {
            if (ParameterSetName == AllSet)
            {
                EnqueuePage(new GroupPager(Groups.Session.Groups, null), new WorkState(0, null, null));
                return;
            }
            foreach (var value in (ParameterSetName == IdSet ? Id : DisplayName) ?? Array.Empty<string>())
            {
                _row++;
                if (string.IsNullOrWhiteSpace(value)) continue;
                var key = value.Trim();
                var state = new WorkState(_row, value, UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, key));
                if (ParameterSetName == IdSet)
                    Groups.Enqueue(state, async (session, token) => await session.Groups.GetAsync(key, token).ConfigureAwait(false) ?? throw GroupEditQueue.GroupNotFound(key), WriteObject);
                else
                    Groups.Enqueue(state,
                        async (session, token) =>
                        {
                            var found = await GroupFinder.FindByNameAsync(session.Groups, key, token).ConfigureAwait(false);
                            if (found.Count == 0)
                                throw new WireScimException(WireScimErrorKind.NotFound, ErrorIds.GroupNotFound,
                                    $"No SCIM group named '{SafeText.Show(key)}' in this team (names are compared exactly, case included).");
                            return found;
                        },
                        found => { foreach (var group in found) WriteObject(group); });
            }
        }

        /// <summary>Pages are read one after another: each page's startIndex follows from the one before, and each is written as it comes.</summary>
        private void EnqueuePage(GroupPager pager, WorkState state) =>
            Groups.Enqueue(state, (session, token) => pager.NextAsync(token), page =>
            {
                foreach (var group in page) WriteObject(group);
                if (!pager.Done) EnqueuePage(pager, state);
                else if (pager.Unpaged) WriteVerbose("This Wire (release 5.24) lists groups without paging, and lists groups made in Team Settings too.");
            });
    }
}
