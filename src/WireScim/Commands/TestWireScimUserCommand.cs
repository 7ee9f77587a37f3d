using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>The result of checking one input offline. PowerShell shows it as WireScim.UserTestResult.</summary>
    public sealed class UserTestResult
    {
        internal UserTestResult(int row, string? userName, string? externalId, IReadOnlyList<ValidationProblem> problems, object? input)
        {
            Row = row;
            UserName = userName;
            ExternalId = externalId;
            Problems = problems.ToArray();
            InputObject = input;
        }

        public int Row { get; }
        public string? UserName { get; }
        public string? ExternalId { get; }
        public bool IsValid => Problems.Length == 0;
        public ValidationProblem[] Problems { get; }
        public object? InputObject { get; }
        public override string ToString() => IsValid ? $"Row {Row}: valid" : $"Row {Row}: " + string.Join(" ", Problems.Select(p => p.Message));
    }

    /// <summary>Checks inputs against Wire's rules without sending anything: lint a CSV before a run.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "WireScimUser")]
    [OutputType(typeof(UserTestResult))]
    public sealed class TestWireScimUserCommand : UserInputCmdlet
    {
        private readonly List<(ValidationResult Result, WorkState State)> _rows = new List<(ValidationResult, WorkState)>();

        internal override string Activity => "Checking Wire users";

        protected override void ProcessRecord()
        {
            var mode = Connection?.TeamMode ?? ConnectionStore.Default?.TeamMode ?? TeamMode.Unknown;
            _rows.Add(ReadCurrentInput(mode));
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

        internal override void OnCompleted(WorkState state, object? result) { }
    }
}
