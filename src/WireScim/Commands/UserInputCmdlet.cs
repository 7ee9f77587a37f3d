using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>
    /// The user attributes New-, Test- and Sync-WireScimUser take, bound by name or alias from CSV rows and AD objects.
    /// When an object has several candidates for one parameter, the parameter's own name wins, then its aliases in
    /// the order listed (for ExternalId: ExternalId, UserPrincipalName, NameId).
    /// </summary>
    public abstract class UserInputCmdlet : BulkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SamAccountName", "Handle")]
        public string? UserName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "NameId")]
        public string? ExternalId { get; set; }

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

        /// <summary>Profile fields (rich info): a hashtable of name = text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? RichInfo { get; set; }

        /// <summary>Names of input properties (CSV columns, AD attributes) to store as rich-info fields.</summary>
        [Parameter]
        public string[]? RichInfoProperty { get; set; }

        /// <summary>true/false; CSV text TRUE, false, 1, 0, yes, no is accepted. AD's Enabled binds here.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Enabled")]
        public object? Active { get; set; }

        /// <summary>How the team provisions, when the connection does not know: Invitation (e-mail/password teams) or SingleSignOn.</summary>
        [Parameter]
        public TeamMode TeamMode { get; set; }

        /// <summary>The piped object itself (a CSV row or an AD user), for -RichInfoProperty and error targets.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private int _row;
        private static readonly string[] KeyParameters = { nameof(UserName), nameof(ExternalId) };

        /// <summary>Binds and validates the current record. Rows count from 1 in pipeline order.</summary>
        internal (ValidationResult Result, WorkState State) ReadCurrentInput(TeamMode connectionMode)
        {
            _row++;
            if (_row == 1 && MyInvocation.ExpectingInput && InputColumnCheck.Check(InputObject, MyInvocation.MyCommand, KeyParameters) is ErrorRecord unbound)
                ThrowTerminatingError(unbound);
            var problems = new List<ValidationProblem>();
            var input = new UserInput
            {
                UserName = UserName, DisplayName = DisplayName, ExternalId = ExternalId, Email = Email,
                PreferredLanguage = PreferredLanguage, Role = Role, Active = Unwrap(Active),
                RichInfo = UserInputBinder.RichInfoFrom(InputObject, UserInputBinder.AsDictionary(RichInfo), RichInfoProperty, problems),
            };
            UserInputBinder.CheckActiveDirectoryShape(InputObject, input, problems);
            var mode = TeamMode != TeamMode.Unknown ? TeamMode : connectionMode;
            var result = UserValidator.Validate(input, forCreate: true, mode);
            if (problems.Count > 0)
            {
                problems.AddRange(result.Problems);
                result = new ValidationResult(result.User, problems, result.Notes);
            }
            var prefix = UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, result.User.UserName ?? UserName);
            foreach (var note in result.Notes) WriteVerbose(prefix + note);
            return (result, new WorkState(_row, (object?)InputObject ?? UserName, prefix));
        }

        /// <summary>One error per invalid row, listing every rule it breaks; the first problem gives the ErrorId.</summary>
        internal void WriteInvalid(WorkState state, IReadOnlyList<ValidationProblem> problems)
        {
            CountRejected();
            var first = problems[0];
            var combined = problems.Count == 1 ? first
                : new ValidationProblem(first.Field, first.ErrorId, first.Rule, first.Value, string.Join(" ", System.Linq.Enumerable.Select(problems, p => p.Message)));
            WriteError(ErrorRecords.From(combined, state.Input, state.Prefix));
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
