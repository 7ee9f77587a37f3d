using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace WireScim.Tests.Cmdlets
{
    /// <summary>
    /// A PowerShell host for in-process tests that answers Host.UI.Prompt like an admin at the keyboard would:
    /// <see cref="Answer"/> gives the text typed for each field. It records every prompt and every warning.
    /// </summary>
    internal sealed class PromptingHost : PSHost
    {
        private readonly PromptingUserInterface _ui;

        public PromptingHost(Func<string, FieldDescription, string?> answer) => _ui = new PromptingUserInterface(answer);

        public List<(string Caption, string Message, string Field)> Prompts => _ui.Prompts;
        public List<string> Written => _ui.Written;

        public override string Name => "WireScim.Tests.PromptingHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class PromptingUserInterface : PSHostUserInterface
        {
            private readonly Func<string, FieldDescription, string?> _answer;

            public PromptingUserInterface(Func<string, FieldDescription, string?> answer) => _answer = answer;

            public List<(string Caption, string Message, string Field)> Prompts { get; } = new List<(string, string, string)>();
            public List<string> Written { get; } = new List<string>();

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            {
                var answers = new Dictionary<string, PSObject>();
                foreach (var field in descriptions)
                {
                    Prompts.Add((caption, message, field.Name));
                    var typed = _answer(caption, field);
                    if (typed == null) continue;
                    // A field of type SecureString is read masked by a console; hand it back the same way.
                    object value = field.ParameterTypeFullName == typeof(SecureString).FullName ? Protect(typed) : typed;
                    answers[field.Name] = PSObject.AsPSObject(value);
                }
                return answers;
            }

            private static SecureString Protect(string text)
            {
                var secret = new SecureString();
                foreach (var c in text) secret.AppendChar(c);
                secret.MakeReadOnly();
                return secret;
            }

            public override PSHostRawUserInterface? RawUI => null;
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override string ReadLine() => throw new NotSupportedException("The test host answers Prompt only.");
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host answers Prompt only.");
            public override void Write(string value) => Written.Add(value);
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Written.Add(value);
            public override void WriteLine(string value) => Written.Add(value);
            public override void WriteErrorLine(string value) => Written.Add(value);
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) => Written.Add("WARNING: " + message);
        }
    }
}
