using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>
    /// The user attributes New-, Test-, Sync- and Set-WireScimUser take, bound by name or alias from CSV rows and AD
    /// objects; declared once, so an alias added here is on all four. When an object has several candidates for one
    /// parameter, the parameter's own name wins, then its aliases in the order listed (for ExternalId: ExternalId,
    /// UserPrincipalName, NameId). New, Test and Sync read UserName and ExternalId as the user's own (one value);
    /// Set-WireScimUser reads them as the keys of the users to change.
    /// </summary>
    public abstract class UserAttributeCmdlet : WireScimCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SamAccountName", "Handle")]
        public string[]? UserName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? DisplayName { get; set; }

        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "NameId")]
        public string[]? ExternalId { get; set; }

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

        /// <summary>The row number of the current record, counted from 1 in pipeline order.</summary>
        internal int Row => _row;

        /// <summary>The engine for commands that send what they read.</summary>
        internal BulkEngine<UserSession> UserEngine(string activity, int throttleLimit) => Engine(activity, throttleLimit, UserSession.Open);

        /// <summary>Binds and validates the current record as a whole user (New, Test, Sync).</summary>
        internal (ValidationResult Result, WorkState State) ReadCurrentInput(Connection? connection)
        {
            _row++;
            if (_row == 1 && MyInvocation.ExpectingInput && InputColumnCheck.Check(InputObject, MyInvocation.MyCommand, KeyParameters) is ErrorRecord unbound)
                ThrowTerminatingError(unbound);
            var problems = new List<ValidationProblem>();
            var userName = Single(nameof(UserName), UserName, problems);
            var input = ReadAttributes(userName, Single(nameof(ExternalId), ExternalId, problems), problems);
            var result = Validate(input, forCreate: true, connection, problems);
            var prefix = UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, result.User.UserName ?? userName);
            foreach (var note in result.Notes) WriteVerbose(prefix + note);
            return (result, new WorkState(_row, (object?)InputObject ?? userName, prefix));
        }

        /// <summary>Binds and validates the current record as changes to existing users (Set): only given attributes.</summary>
        internal ValidationResult ReadCurrentChanges(string? newUserName, string? newExternalId, Connection connection)
        {
            _row++;
            var problems = new List<ValidationProblem>();
            return Validate(ReadAttributes(newUserName, newExternalId, problems), forCreate: false, connection, problems);
        }

        private UserInput ReadAttributes(string? userName, string? externalId, List<ValidationProblem> problems)
        {
            var input = new UserInput
            {
                UserName = userName, DisplayName = DisplayName, ExternalId = externalId, Email = Email,
                PreferredLanguage = PreferredLanguage, Role = Role, Active = Unwrap(Active),
                RichInfo = UserInputBinder.RichInfoFrom(InputObject, UserInputBinder.AsDictionary(RichInfo), RichInfoProperty, problems),
            };
            UserInputBinder.CheckActiveDirectoryShape(InputObject, input, problems);
            return input;
        }

        /// <param name="connection">Gives the team mode (unless -TeamMode does) and the instance's rich-info limit; null offline.</param>
        private ValidationResult Validate(UserInput input, bool forCreate, Connection? connection, List<ValidationProblem> problems)
        {
            var mode = TeamMode != TeamMode.Unknown ? TeamMode : connection?.TeamMode ?? TeamMode.Unknown;
            var result = UserValidator.Validate(input, forCreate, mode, connection?.RichInfoLimit ?? UserValidator.RichInfoLimit);
            if (problems.Count == 0) return result;
            problems.AddRange(result.Problems);
            return new ValidationResult(result.User, problems, result.Notes);
        }

        /// <summary>A user has one handle and one externalId; a list is a problem of the row.</summary>
        private static string? Single(string parameter, string[]? values, List<ValidationProblem> problems)
        {
            if (values == null || values.Length == 0) return null;
            if (values.Length > 1)
                problems.Add(new ValidationProblem(parameter, ErrorIds.MultipleValues, "one value per user", string.Join(", ", values.Select(SafeText.Show)),
                    $"{parameter} has {values.Length} values; a user has one. Give one user per row or call."));
            return values[0];
        }

        /// <summary>One error per invalid row, listing every rule it breaks; the first problem gives the ErrorId.</summary>
        internal void WriteInvalid(WorkState state, IReadOnlyList<ValidationProblem> problems)
        {
            CountRejected();
            var first = problems[0];
            var combined = problems.Count == 1 ? first
                : new ValidationProblem(first.Field, first.ErrorId, first.Rule, first.Value, string.Join(" ", problems.Select(p => p.Message)));
            WriteError(ErrorRecords.From(combined, state.Input, state.Prefix));
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
