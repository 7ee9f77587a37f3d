using System.Text.Json.Nodes;
using WireScim.Emulator.Groups;
using WireScim.Emulator.Pipeline;
using WireScim.Emulator.Store;
using WireScim.Emulator.Tokens;
using WireScim.Emulator.Users;

namespace WireScim.Emulator;

/// <summary>Everything the endpoints share: options, state, counters.</summary>
internal sealed class EmulatorServices(EmulatorOptions options, EmulatorStore store, Accounts accounts, EmulatorStats stats)
{
    public EmulatorOptions Options { get; } = options;
    public EmulatorStore Store { get; } = store;
    public Accounts Accounts { get; } = accounts;
    public EmulatorStats Stats { get; } = stats;
    public NginxRateLimiter? RateLimiter { get; } = options.Rate > 0 ? new NginxRateLimiter(options.Rate, options.Burst) : null;
    public FaultInjector Faults { get; } = new(options);
    public IReadOnlyList<Guid> IdpIds { get; } = options.IdpIds.Select(Guid.Parse).ToList();
    public VerificationCodes Codes { get; } = new(TimeSpan.FromSeconds(options.CodeLifetimeSeconds),
        TimeSpan.FromSeconds(options.CodeResendDelaySeconds), TimeProvider.System);

    public GroupStore Groups { get; } = new(new MemberDirectory(store));

    /// <summary>The release whose /Groups behaviour is served; switchable at run time.</summary>
    public WireRelease Release { get; set; } = WireRelease.Parse(options.Release);

    /// <summary>spar's scimBaseUri, e.g. http://127.0.0.1:41234/scim/v2; known once the server listens.</summary>
    public string ScimBaseUri { get; set; } = "http://127.0.0.1/scim/v2";

    public JsonObject ToScimJson(StoredUser user) => UserRepresentation.ToJson(user, Options.RolesShape, ScimBaseUri);

    public IReadOnlyList<JsonObject> SnapshotUsers() => Store.AllUsers().Select(ToScimJson).ToList();

    /// <summary>SCIM users, then the members SCIM has not taken over.</summary>
    public IReadOnlyList<JsonObject> SnapshotTeam() =>
        Store.AllUsers().Select(u => TeamListing.Of(u, ToScimJson(u)))
            .Concat(Store.TeamMembers().Select(TeamListing.Of))
            .ToList();
}
