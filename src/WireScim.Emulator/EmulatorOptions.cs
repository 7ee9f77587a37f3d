using System.Globalization;

namespace WireScim.Emulator;

/// <summary>Knobs of the local Wire emulator; see <see cref="Usage"/> for the command-line form.</summary>
public sealed class EmulatorOptions
{
    public static readonly IReadOnlyList<string> AllFaultKinds = ["500", "503", "reset", "commit-drop"];

    public int Port { get; set; }
    public string AdminEmail { get; set; } = "admin@example.com";
    public string AdminPassword { get; set; } = DefaultAdminPassword;
    /// <summary>A seeded team member without the token permission; null = none.</summary>
    public string? MemberEmail { get; set; } = "member@example.com";
    public string MemberPassword { get; set; } = "member password 123";
    /// <summary>A pre-seeded SCIM token, bound like a v0 token (to the IdP when exactly one is configured).</summary>
    public string? ScimToken { get; set; }
    /// <summary>The team's SAML IdPs. None = invitation mode, one = SAML mode, two or more = v0-v7 token creation fails.</summary>
    public List<string> IdpIds { get; } = new();
    /// <summary>The team feature sndFactorPasswordChallenge: /login and token creation need e-mailed codes, one per action.</summary>
    public bool SecondFactor { get; set; }
    /// <summary>brig's verificationTimeout: how long a code is valid.</summary>
    public int CodeLifetimeSeconds { get; set; } = 600;
    /// <summary>brig's set2FACodeGenerationDelaySecs: a new code for the same e-mail and action before then gets 429.</summary>
    public int CodeResendDelaySeconds { get; set; } = 300;
    /// <summary>Legacy knob, not Wire's behaviour: token creation (only) accepts this fixed code. Prefer <see cref="SecondFactor"/>.</summary>
    public string? VerificationCode { get; set; }
    public int MaxScimTokens { get; set; } = 8;
    /// <summary>spar's richInfoLimit: the most characters (keys plus values) a user's rich info may have.</summary>
    public int RichInfoLimit { get; set; } = Users.RichInfo.DefaultSizeLimit;
    public int MaxApiVersion { get; set; } = 8;
    /// <summary>0 = off; otherwise password checks per user are limited to this burst (refilling 1/min), then 429.</summary>
    public int PasswordBurst { get; set; }
    public int LatencyMs { get; set; }
    /// <summary>Requests per second per (client address + path) on /scim/v2; 0 = off.</summary>
    public double Rate { get; set; }
    public int Burst { get; set; } = 10;
    public int ThrottleStatus { get; set; } = 420;
    /// <summary>Probability per /scim/v2 request that a fault is injected.</summary>
    public double FaultRate { get; set; }
    /// <summary>Subset of "500", "503", "reset", "commit-drop"; empty = all.</summary>
    public List<string> FaultKinds { get; } = new();
    public int Seed { get; set; } = 1;
    /// <summary>"scim" (RFC 7644 body) or "wire" (Wire's {code,label,message} wrapping, releases 5.24+).</summary>
    public string ErrorEnvelope { get; set; } = "scim";
    /// <summary>"strings" (["member"]) or "objects" ([{"value":"member"}], release 5.35).</summary>
    public string RolesShape { get; set; } = "strings";
    /// <summary>Wire release whose /scim/v2/Groups behaviour is served: "5.23" (none), "5.24" (unpaged), "5.25" and later (paged).</summary>
    public string Release { get; set; } = "5.25";
    /// <summary>File that keeps users, team members, tokens and groups across restarts; null = memory only.</summary>
    public string? DataFile { get; set; }

    public const string DefaultAdminPassword = "correct horse battery staple";

    public const string Usage = """
        Local Wire SCIM emulator (binds 127.0.0.1 only). When ready it prints its base URL as the first line on
        stdout, then the SCIM URL, the admin login and how to stop it (Ctrl+C).

        Log in as the team owner admin@example.com with the password "correct horse battery staple" (change both
        with --admin-email and --admin-password), e.g. New-WireScimToken -Uri <base URL> -Credential (Get-Credential).

        Options:
          --port N                 TCP port, 0 = any free port (default 0); give a fixed one to keep the URL
          --admin-email E          team owner login (default admin@example.com)
          --admin-password P       team owner password (default "correct horse battery staple")
          --member-email E         team member without token permission ('' = none)
          --member-password P      team member password
          --scim-token T           pre-seeded SCIM token value
          --idp UUID               a SAML IdP of the team (repeatable; 1 = SAML mode)
          --second-factor          turn on 2FA for the team: /login and token creation each need an
                                   e-mailed code (POST /verification-code/send; tests read the codes
                                   at GET /_emulator/verification-codes?email=E)
          --code-lifetime N        seconds a 2FA code stays valid (default 600)
          --code-resend-delay N    seconds before a new code for the same e-mail and action (default 300)
          --verification-code C    legacy, not Wire's behaviour: token creation alone accepts the fixed code C
          --max-tokens N           SCIM token limit per team (default 8)
          --rich-info-limit N      rich-info size limit in characters (default 5000)
          --max-api-version N      highest supported API version (default 8)
          --password-burst N       password checks per user before 429 (0 = off)
          --latency-ms N           delay for each SCIM and token request
          --rate R                 nginz-like limit, requests/s per address+path on /scim/v2 (0 = off)
          --burst B                nginz burst (default 10)
          --throttle-status 420|429
          --fault-rate P           probability 0..1 of a fault per /scim/v2 request
          --fault-kinds LIST       comma list of 500,503,reset,commit-drop (default all)
          --seed N                 random seed for faults (default 1)
          --error-envelope scim|wire
          --roles-shape strings|objects
          --release 5.23|5.24|5.25 Wire release for /scim/v2/Groups (default 5.25; later 5.x act as 5.25)
          --data FILE              keep state in FILE across restarts
          --help                   show this text
        """;

    /// <summary>
    /// What a user needs after the first line: where SCIM is, how to log in, how to stop. A password given on the command
    /// line is not echoed; the default one is, since it is printed in --help anyway.
    /// </summary>
    public static IReadOnlyList<string> StartBanner(EmulatorOptions options, string baseUrl)
    {
        var password = options.AdminPassword == DefaultAdminPassword ? $"\"{DefaultAdminPassword}\"" : "(as given with --admin-password)";
        var lines = new List<string>
        {
            "Wire SCIM emulator ready (local test server, not Wire).",
            $"  SCIM base URL:  {baseUrl}/scim/v2",
            $"  Admin login:    {options.AdminEmail}  password {password}",
            $"  Token:          New-WireScimToken -Uri {baseUrl} -Credential (Get-Credential {options.AdminEmail})",
        };
        if (options.ScimToken is not null) lines.Add("  SCIM token:     the one given with --scim-token");
        if (options.SecondFactor) lines.Add($"  2FA codes:      {baseUrl}/_emulator/verification-codes?email={options.AdminEmail}");
        if (options.DataFile is not null) lines.Add($"  State kept in:  {options.DataFile}");
        lines.Add("  Stop:           Ctrl+C");
        return lines;
    }

    /// <summary>Reads the command-line options; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static EmulatorOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string name;
            string? inlineValue = null;
            var equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
            }

            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Length) throw new ArgumentException($"Option {name} needs a value.");
                return args[++i];
            }

            switch (name)
            {
                case "--help" or "-h":
                    break;
                case "--port":
                    options.Port = ParseInt(name, Value(), 0, 65535);
                    break;
                case "--admin-email":
                    options.AdminEmail = NonEmpty(name, Value());
                    break;
                case "--admin-password":
                    options.AdminPassword = NonEmpty(name, Value());
                    break;
                case "--member-email":
                    var member = Value();
                    options.MemberEmail = member.Length == 0 ? null : member;
                    break;
                case "--member-password":
                    options.MemberPassword = NonEmpty(name, Value());
                    break;
                case "--scim-token":
                    options.ScimToken = NonEmpty(name, Value());
                    break;
                case "--idp":
                    var idp = Value();
                    if (!Guid.TryParse(idp, out _)) throw new ArgumentException($"Option --idp expects a UUID, got '{idp}'.");
                    options.IdpIds.Add(idp);
                    break;
                case "--second-factor":
                    if (inlineValue is not null) throw new ArgumentException("Option --second-factor takes no value.");
                    options.SecondFactor = true;
                    break;
                case "--code-lifetime":
                    options.CodeLifetimeSeconds = ParseInt(name, Value(), 0, 86_400);
                    break;
                case "--code-resend-delay":
                    options.CodeResendDelaySeconds = ParseInt(name, Value(), 0, 86_400);
                    break;
                case "--verification-code":
                    options.VerificationCode = NonEmpty(name, Value());
                    break;
                case "--max-tokens":
                    options.MaxScimTokens = ParseInt(name, Value(), 0, int.MaxValue);
                    break;
                case "--rich-info-limit":
                    options.RichInfoLimit = ParseInt(name, Value(), 0, int.MaxValue);
                    break;
                case "--max-api-version":
                    options.MaxApiVersion = ParseInt(name, Value(), 0, 1000);
                    break;
                case "--password-burst":
                    options.PasswordBurst = ParseInt(name, Value(), 0, int.MaxValue);
                    break;
                case "--latency-ms":
                    options.LatencyMs = ParseInt(name, Value(), 0, 600_000);
                    break;
                case "--rate":
                    options.Rate = ParseDouble(name, Value(), 0, 1_000_000);
                    break;
                case "--burst":
                    options.Burst = ParseInt(name, Value(), 0, 1_000_000);
                    break;
                case "--throttle-status":
                    var status = ParseInt(name, Value(), 0, 999);
                    if (status is not (420 or 429)) throw new ArgumentException($"Option --throttle-status expects 420 or 429, got {status}.");
                    options.ThrottleStatus = status;
                    break;
                case "--fault-rate":
                    options.FaultRate = ParseDouble(name, Value(), 0, 1);
                    break;
                case "--fault-kinds":
                    options.FaultKinds.Clear();
                    foreach (var kind in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!AllFaultKinds.Contains(kind))
                            throw new ArgumentException($"Option --fault-kinds: unknown kind '{kind}' (known: {string.Join(",", AllFaultKinds)}).");
                        options.FaultKinds.Add(kind);
                    }
                    break;
                case "--seed":
                    options.Seed = ParseInt(name, Value(), int.MinValue, int.MaxValue);
                    break;
                case "--error-envelope":
                    options.ErrorEnvelope = OneOf(name, Value(), "scim", "wire");
                    break;
                case "--roles-shape":
                    options.RolesShape = OneOf(name, Value(), "strings", "objects");
                    break;
                case "--release":
                    var release = Value();
                    if (!Groups.WireRelease.TryParse(release, out _))
                        throw new ArgumentException($"Option --release expects a Wire release such as 5.23, 5.24 or 5.25, got '{release}'.");
                    options.Release = release;
                    break;
                case "--data":
                    options.DataFile = NonEmpty(name, Value());
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'. Use --help to list the options.");
            }
        }
        return options;
    }

    /// <summary>Checks values set programmatically, with the same rules as <see cref="Parse"/>.</summary>
    internal void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Port must be 0..65535, got {Port}.");
        if (ErrorEnvelope is not ("scim" or "wire")) throw new ArgumentException($"ErrorEnvelope must be 'scim' or 'wire', got '{ErrorEnvelope}'.");
        if (RolesShape is not ("strings" or "objects")) throw new ArgumentException($"RolesShape must be 'strings' or 'objects', got '{RolesShape}'.");
        if (FaultRate is < 0 or > 1) throw new ArgumentException($"FaultRate must be within 0..1, got {FaultRate}.");
        if (Rate < 0 || Burst < 0 || LatencyMs < 0 || PasswordBurst < 0 || MaxScimTokens < 0 || MaxApiVersion < 0 ||
            CodeLifetimeSeconds < 0 || CodeResendDelaySeconds < 0 || RichInfoLimit < 0)
            throw new ArgumentException(
                "Rate, Burst, LatencyMs, PasswordBurst, MaxScimTokens, MaxApiVersion, CodeLifetimeSeconds, CodeResendDelaySeconds " +
                "and RichInfoLimit must not be negative.");
        if (!Groups.WireRelease.TryParse(Release, out _)) throw new ArgumentException($"Release must be a Wire release such as 5.23, 5.24 or 5.25, got '{Release}'.");
        foreach (var idp in IdpIds)
            if (!Guid.TryParse(idp, out _)) throw new ArgumentException($"IdP id '{idp}' is not a UUID.");
        foreach (var kind in FaultKinds)
            if (!AllFaultKinds.Contains(kind)) throw new ArgumentException($"Unknown fault kind '{kind}'.");
    }

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"Option {name} expects an integer in {min}..{max}, got '{text}'.");
        return value;
    }

    private static double ParseDouble(string name, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > max)
            throw new ArgumentException($"Option {name} expects a number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}, got '{text}'.");
        return value;
    }

    private static string NonEmpty(string name, string text) =>
        text.Length > 0 ? text : throw new ArgumentException($"Option {name} needs a non-empty value.");

    private static string OneOf(string name, string text, params string[] allowed) =>
        allowed.Contains(text) ? text : throw new ArgumentException($"Option {name} expects one of {string.Join("|", allowed)}, got '{text}'.");
}
