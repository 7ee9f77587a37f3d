using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Tab completion for -Role: Wire's four team roles.</summary>
    public sealed class RoleCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            UserValidator.Roles
                .Where(role => role.StartsWith(Unquote(wordToComplete), StringComparison.OrdinalIgnoreCase))
                .Select(role => new CompletionResult(role, role, CompletionResultType.ParameterValue, $"Wire team role '{role}'"));

        internal static string Unquote(string word) => word.Trim('\'', '"');
    }
}
