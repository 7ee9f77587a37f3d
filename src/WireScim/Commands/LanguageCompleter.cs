using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>Tab completion for -PreferredLanguage: ISO 639-1 codes, with the language name as tooltip; matches names too.</summary>
    public sealed class LanguageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = RoleCompleter.Unquote(wordToComplete);
            return IsoLanguages.All
                .Where(language => language.Key.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                                   || (word.Length > 2 && language.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                .Select(language => new CompletionResult(language.Key, $"{language.Key} ({language.Value})", CompletionResultType.ParameterValue, language.Value));
        }
    }
}
