using System.Collections.Generic;
using System.Management.Automation;
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

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            var groups = Groups;
            if (ParameterSetName == AllSet)
            {
                var pager = new GroupPager(groups, null);
                EnqueuePage(pager, new WorkState(0, null, null));
                return;
            }
            foreach (var value in (ParameterSetName == IdSet ? Id : DisplayName) ?? new string[0])
            {
                _row++;
                if (string.IsNullOrWhiteSpace(value)) continue;
                var key = value.Trim();
                var state = new WorkState(_row, value, MyInvocation.ExpectingInput ? UserInputBinder.RowPrefix(true, _row, key) : null);
                if (ParameterSetName == IdSet)
                    Enqueue(state, async token => (object?)new[] { await groups.GetAsync(key, token).ConfigureAwait(false) ?? throw GroupEditQueue.GroupNotFound(key) });
                else
                    Enqueue(state, async token =>
                    {
                        var found = await GroupFinder.FindByNameAsync(groups, key, token).ConfigureAwait(false);
                        if (found.Count == 0)
                            throw new WireScimException(WireScimErrorKind.NotFound, "WireScim.GroupNotFound",
                                $"No SCIM group named '{Validation.UserValidator.Show(key)}' in this team (names are compared exactly, case included).");
                        return found;
                    });
            }
        }

        private void EnqueuePage(GroupPager pager, WorkState state) =>
            Enqueue(state, async token => (object?)new PageResult(pager, await pager.NextAsync(token).ConfigureAwait(false)));

        private sealed class PageResult
        {
            public PageResult(GroupPager pager, IReadOnlyList<Group> groups)
            {
                Pager = pager;
                Groups = groups;
            }

            public GroupPager Pager { get; }
            public IReadOnlyList<Group> Groups { get; }
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            if (result is PageResult page)
            {
                // Pages are read one after another: each page's startIndex follows from the one before.
                foreach (var group in page.Groups) WriteObject(group);
                if (!page.Pager.Done) EnqueuePage(page.Pager, state);
                else if (page.Pager.Unpaged) WriteVerbose("This Wire (release 5.24) lists groups without paging, and lists groups made in Team Settings too.");
                return;
            }
            foreach (var group in (IEnumerable<Group?>)result!) WriteObject(group);
        }
    }
}
