using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using WireScim.Emulator;
using Xunit;

namespace WireScim.Tests.Cmdlets
{
    /// <summary>
    /// New-WireScimToken at an interactive prompt in a team that requires a second factor: with no code parameter
    /// at all it requests each code from Wire and asks for it, once for the login and once for the token. The
    /// host plays the admin, reading the "e-mail" from the emulator's mailbox.
    /// </summary>
    public class TwoFactorPromptTests
    {
        private static readonly EmulatorOptions Defaults = new EmulatorOptions();
        private static readonly string Admin = Defaults.AdminEmail;

        private const string NewToken =
            "param($Uri, $User, $Password) " +
            "New-WireScimToken -Uri $Uri -Credential ([pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))) -Name prompted";

        private static Task<EmulatorServer> StartAsync(int resendDelaySeconds = 300) =>
            EmulatorServer.StartAsync(new EmulatorOptions { SecondFactor = true, CodeResendDelaySeconds = resendDelaySeconds });

        private static Dictionary<string, object?> Arguments(EmulatorServer emulator) => new Dictionary<string, object?>
        {
            ["Uri"] = emulator.BaseUri.ToString().TrimEnd('/'), ["User"] = Admin, ["Password"] = Defaults.AdminPassword,
        };

        /// <summary>The codes the emulator "e-mailed" to the admin, oldest first, as (action, code).</summary>
        private static List<(string Action, string Code)> Mailbox(EmulatorServer emulator)
        {
            using var http = new HttpClient();
            var json = http.GetStringAsync(new Uri(emulator.BaseUri, "_emulator/verification-codes?email=" + Uri.EscapeDataString(Admin))).GetAwaiter().GetResult();
            return JsonDocument.Parse(json).RootElement.EnumerateArray()
                .Select(code => (code.GetProperty("action").GetString()!, code.GetProperty("code").GetString()!)).ToList();
        }

        /// <summary>The admin reads the newest code of the field's action from the mailbox and types it in.</summary>
        private static Func<string, FieldDescription, string?> ReadsMailbox(Func<EmulatorServer> emulator) => (_, field) =>
        {
            var action = field.Name == "LoginVerificationCode" ? "login" : "create_scim_token";
            return Mailbox(emulator()).Where(code => code.Action == action).Select(code => code.Code).LastOrDefault();
        };

        private static PSObject[] Invoke(PowerShell ps, string script, Dictionary<string, object?> arguments)
        {
            ps.Commands.Clear();
            ps.Streams.ClearStreams();
            ps.AddScript(script);
            foreach (var (name, value) in arguments) ps.AddParameter(name, value);
            return ps.Invoke().ToArray();
        }

        [Fact]
        public async Task With_no_code_parameters_the_cmdlet_requests_and_asks_for_both_codes_and_creates_the_token()
        {
            await using var emulator = await StartAsync();
            var host = new PromptingHost(ReadsMailbox(() => emulator));
            var ps = CmdletHost.Create(host);
            try
            {
                var output = Invoke(ps, NewToken, Arguments(emulator));

                Assert.True(ps.Streams.Error.Count == 0, string.Join(" | ", ps.Streams.Error));
                var token = Assert.IsType<Token>(Assert.Single(output).BaseObject);
                Assert.Equal("prompted", token.Name);
                Assert.Equal(new[] { "LoginVerificationCode", "VerificationCode" }, host.Prompts.Select(p => p.Field));
                Assert.Contains("login code", host.Prompts[0].Message);
                Assert.Contains(Admin, host.Prompts[0].Message);
                Assert.Contains("token-creation code", host.Prompts[1].Message);
                // One e-mail per code, and the token works in the emulator.
                Assert.Equal(new[] { "login", "create_scim_token" }, Mailbox(emulator).Select(code => code.Action));
                Assert.Equal(2, emulator.Stats.RouteCount("POST /verification-code/send"));
                var connect = CmdletHost.Run(ps, "param($Uri, $Token) Connect-WireScim -Uri $Uri -Token $Token; New-WireScimUser -UserName prompted.user -DisplayName 'Prompted User' -ExternalId prompted.user@example.com",
                    new Dictionary<string, object?> { ["Uri"] = emulator.BaseUri + "scim/v2", ["Token"] = token.Value });
                Assert.Equal("prompted.user", ((User)Assert.Single(connect).BaseObject).UserName);
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Fact]
        public async Task Within_the_resend_delay_the_cmdlet_explains_the_429_and_asks_for_the_code_already_mailed()
        {
            await using var emulator = await StartAsync();
            var host = new PromptingHost(ReadsMailbox(() => emulator));
            var ps = CmdletHost.Create(host);
            try
            {
                Invoke(ps, NewToken, Arguments(emulator));
                Assert.True(ps.Streams.Error.Count == 0, string.Join(" | ", ps.Streams.Error));
                var output = Invoke(ps, NewToken, Arguments(emulator));

                Assert.True(ps.Streams.Error.Count == 0, string.Join(" | ", ps.Streams.Error));
                Assert.IsType<Token>(Assert.Single(output).BaseObject);
                Assert.Equal(4, host.Prompts.Count);
                Assert.Contains("sent before", host.Prompts[2].Message);
                Assert.Contains(ps.Streams.Warning, warning => warning.Message.Contains("5 minutes") && warning.Message.Contains("429"));
                // No new e-mail: Wire refused to send a second code of each action.
                Assert.Equal(2, Mailbox(emulator).Count);
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Fact]
        public async Task A_wrong_code_typed_at_the_prompt_ends_with_advice_naming_the_login_code()
        {
            await using var emulator = await StartAsync();
            var host = new PromptingHost((_, _) => "000000");
            var ps = CmdletHost.Create(host);
            try
            {
                Assert.Empty(Invoke(ps, NewToken, Arguments(emulator)));
                Assert.Single(host.Prompts);
                var error = Assert.Single(ps.Streams.Error);
                Assert.StartsWith("WireScim.CodeAuthenticationFailed", error.FullyQualifiedErrorId);
                Assert.Contains("-LoginVerificationCode", error.Exception.Message);
                Assert.DoesNotContain("000000", error.ToString());
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Fact]
        public async Task A_host_that_cannot_prompt_requests_no_code_and_names_the_missing_login_code()
        {
            await using var emulator = await StartAsync();
            var ps = CmdletHost.Create();
            try
            {
                Assert.Empty(Invoke(ps, NewToken, Arguments(emulator)));
                var error = Assert.Single(ps.Streams.Error);
                Assert.StartsWith("WireScim.CodeAuthenticationRequired", error.FullyQualifiedErrorId);
                Assert.Contains("-LoginVerificationCode", error.Exception.Message);
                Assert.Contains("Send-WireScimVerificationCode", error.Exception.Message);
                Assert.Empty(Mailbox(emulator));
                Assert.Equal(0, emulator.Stats.RouteCount("POST /verification-code/send"));
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }
    }
}
