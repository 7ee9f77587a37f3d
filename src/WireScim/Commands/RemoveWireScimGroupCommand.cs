using System;
using System.Management.Automation;
using WireScim.Engine;

namespace WireScim.Commands
{
    /// <summary>Deletes groups (the members stay in Wire). Groups made in Team Settings cannot be deleted through SCIM.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimGroupCommand : GroupCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        private int _row;

        internal override string Activity => "Removing Wire groups";

        protected override void ProcessRecord()
        {
            foreach (var value in Id)
            {
                _row++;
                if (string.IsNullOrWhiteSpace(value)) continue;
                var id = value.Trim();
                if (!ShouldProcess($"Wire group {id}", "Delete")) continue;
                var state = new WorkState(_row, id, UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, id));
                Groups.Enqueue(state,
                    async (session, token) =>
                    {
                        await session.Groups.DeleteAsync(id, token).ConfigureAwait(false);
                        return id;
                    },
                    deleted => WriteVerbose($"{state.Prefix}deleted Wire group {deleted} (Wire answers the same for an id it does not know)."));
            }
        }
    }
}
