using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Every_option_is_read()
    {
        var options = EmulatorOptions.Parse([
            "--port", "5000", "--admin-email", "boss@corp.example", "--admin-password", "pw123456", "--member-email", "m@corp.example",
            "--member-password", "mpw12345", "--scim-token", "tok", "--idp", TestEmulator.IdpId, "--idp", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
            "--verification-code", "123456", "--max-tokens", "16", "--max-api-version", "9", "--password-burst", "5", "--latency-ms", "25",
            "--rate", "50.5", "--burst", "10", "--throttle-status", "429", "--fault-rate", "0.1", "--fault-kinds", "500,reset",
            "--seed", "7", "--error-envelope", "wire", "--roles-shape", "objects", "--data", "state.json",
            "--second-factor", "--code-lifetime", "60", "--code-resend-delay", "0",
        ]);

        Assert.Equal(5000, options.Port);
        Assert.Equal("boss@corp.example", options.AdminEmail);
        Assert.Equal("pw123456", options.AdminPassword);
        Assert.Equal("m@corp.example", options.MemberEmail);
        Assert.Equal("mpw12345", options.MemberPassword);
        Assert.Equal("tok", options.ScimToken);
        Assert.Equal([TestEmulator.IdpId, "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"], options.IdpIds);
        Assert.Equal("123456", options.VerificationCode);
        Assert.True(options.SecondFactor);
        Assert.Equal(60, options.CodeLifetimeSeconds);
        Assert.Equal(0, options.CodeResendDelaySeconds);
        Assert.Equal(16, options.MaxScimTokens);
        Assert.Equal(9, options.MaxApiVersion);
        Assert.Equal(5, options.PasswordBurst);
        Assert.Equal(25, options.LatencyMs);
        Assert.Equal(50.5, options.Rate);
        Assert.Equal(10, options.Burst);
        Assert.Equal(429, options.ThrottleStatus);
        Assert.Equal(0.1, options.FaultRate);
        Assert.Equal(["500", "reset"], options.FaultKinds);
        Assert.Equal(7, options.Seed);
        Assert.Equal("wire", options.ErrorEnvelope);
        Assert.Equal("objects", options.RolesShape);
        Assert.Equal("state.json", options.DataFile);
    }

    [Fact]
    public void Defaults_and_the_equals_form()
    {
        var defaults = EmulatorOptions.Parse([]);
        Assert.Equal(0, defaults.Port);
        Assert.Equal("admin@example.com", defaults.AdminEmail);
        Assert.Equal("member@example.com", defaults.MemberEmail);
        Assert.Equal(8, defaults.MaxScimTokens);
        Assert.Equal(8, defaults.MaxApiVersion);
        Assert.Equal(10, defaults.Burst);
        Assert.Equal(420, defaults.ThrottleStatus);
        Assert.Equal("scim", defaults.ErrorEnvelope);
        Assert.Equal("strings", defaults.RolesShape);
        Assert.Empty(defaults.FaultKinds);

        var equals = EmulatorOptions.Parse(["--port=1234", "--member-email="]);
        Assert.Equal(1234, equals.Port);
        Assert.Null(equals.MemberEmail);
    }

    [Theory]
    [InlineData("--port", "--port", "abc")]
    [InlineData("--port", "--port", "70000")]
    [InlineData("--port", "--port")]
    [InlineData("--idp", "--idp", "not-a-uuid")]
    [InlineData("--throttle-status", "--throttle-status", "503")]
    [InlineData("--fault-rate", "--fault-rate", "1.5")]
    [InlineData("--fault-kinds", "--fault-kinds", "500,explode")]
    [InlineData("--error-envelope", "--error-envelope", "json")]
    [InlineData("--roles-shape", "--roles-shape", "maps")]
    [InlineData("--rate", "--rate", "-1")]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--scim-token", "--scim-token", "")]
    public void Bad_options_throw_naming_the_option(string named, params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(args));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task Main_exits_2_on_a_bad_option_and_0_on_help()
    {
        Assert.Equal(2, await Program.Main(["--port", "nope"]));
        Assert.Equal(0, await Program.Main(["--help"]));
    }

    [Fact]
    public async Task Programmatic_options_are_validated()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { ErrorEnvelope = "xml" }));
        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { FaultRate = 2 }));
    }

    [Fact]
    public async Task The_process_prints_its_base_url_first_then_what_a_user_needs_and_serves_on_loopback()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "WireScim.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--port", "0", "--scim-token", "cli-token" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", line);

            using var http = new HttpClient { BaseAddress = new Uri(line + "/") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "scim/v2/Users?filter=userName%20eq%20%22nobody%22");
            request.Headers.Add("Authorization", "Bearer cli-token");
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);

            var banner = new List<string>();
            for (var i = 0; i < 6; i++) banner.Add((await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!);
            Assert.Contains($"  SCIM base URL:  {line}/scim/v2", banner);
            Assert.Contains("  Admin login:    admin@example.com  password \"correct horse battery staple\"", banner);
            Assert.Contains("  Stop:           Ctrl+C", banner);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public void The_banner_does_not_echo_a_password_given_on_the_command_line()
    {
        var options = EmulatorOptions.Parse(["--admin-password", "s3cret-given", "--second-factor"]);
        var banner = EmulatorOptions.StartBanner(options, "http://127.0.0.1:5000");
        Assert.DoesNotContain(banner, l => l.Contains("s3cret-given"));
        Assert.Contains("  2FA codes:      http://127.0.0.1:5000/_emulator/verification-codes?email=admin@example.com", banner);
    }

    [Fact]
    public void Help_names_the_admin_login()
    {
        Assert.Contains("admin@example.com", EmulatorOptions.Usage);
        Assert.Contains("\"correct horse battery staple\"", EmulatorOptions.Usage);
        Assert.Contains("--port N", EmulatorOptions.Usage);
    }
}
