using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Checks inputs against Wire's rules without sending anything: lint a CSV before a run.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WireScimUser")]
    [OutputType(typeof(UserTestResult))]
    public sealed class TestWireScimUserCommand : UserAttributeCmdlet
    {
        private readonly List<(ValidationResult Result, WorkState State)> _rows = new List<(ValidationResult, WorkState)>();

        protected override void ProcessRecord()
        {
            _rows.Add(ReadCurrentInput(Connection ?? ConnectionStore.Default));
        }

        protected override void EndProcessing()
        {
            var valid = _rows.Where(row => row.Result.IsValid).Select(row => (row.State.Row, row.Result.User.UserName, row.Result.User.ExternalId));
            var duplicates = DuplicateInputs.Find(valid);
            foreach (var (result, state) in _rows)
            {
                var problems = duplicates.TryGetValue(state.Row, out var duplicate) ? new[] { duplicate } : result.Problems;
                WriteObject(new UserTestResult(state.Row, result.User.UserName, result.User.ExternalId, problems, state.Input));
            }
        }
    }
}
