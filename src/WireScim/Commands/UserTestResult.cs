using System.Collections.Generic;
using System.Linq;
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
}
